// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SplitMath} from "../../contracts/libraries/SplitMath.sol";
import {Cheats} from "./Cheats.sol";

/// @notice Properties of the accumulator arithmetic, fuzzed over the whole range the splitter allows.
contract SplitMathTest is Cheats {
    uint256 internal constant MAX_TOKENS = type(uint48).max;
    uint256 internal constant MAX_OWED_SCALED = (uint256(type(uint88).max) << 80) | (SplitMath.ONE - 1);

    function testFuzz_distributeLosesNoScaledUnit(uint256 acc, uint256 undistributed, uint256 amount, uint256 total)
        public
        pure
    {
        acc = acc & SplitMath.ACC_MASK;
        undistributed = bound(undistributed, 0, MAX_OWED_SCALED);
        // The splitter's escrow cap keeps undistributed + amount × ONE below 2**168.
        amount = bound(amount, 0, (MAX_OWED_SCALED - undistributed) >> 80);
        total = bound(total, 0, MAX_TOKENS);
        (uint256 newAcc, uint256 rest) = SplitMath.distribute(acc, undistributed, amount, total);
        uint256 perToken;
        unchecked {
            perToken = (newAcc - acc) & SplitMath.ACC_MASK;
        }
        require(perToken * total + rest == undistributed + (amount << 80), "scaled units lost");
        if (total > 0) require(rest < total, "carry not below total tokens");
        else require(perToken == 0, "accumulator moved without tokens");
    }

    function testFuzz_rebaseKeepsOwedExactly(uint256 tokens, uint256 newTokens, uint256 acc, uint256 owed, uint256 grow)
        public
        pure
    {
        tokens = bound(tokens, 0, MAX_TOKENS);
        newTokens = bound(newTokens, 0, MAX_TOKENS);
        acc = acc & SplitMath.ACC_MASK;
        owed = bound(owed, 0, MAX_OWED_SCALED / 2);
        grow = bound(grow, 0, newTokens == 0 ? 0 : (MAX_OWED_SCALED / 2) / newTokens);
        uint256 debt = SplitMath.debtFor(tokens, acc, owed);
        require(SplitMath.owedScaled(tokens, debt, acc) == owed, "owed changed");
        uint256 rebased = SplitMath.debtFor(newTokens, acc, SplitMath.owedScaled(tokens, debt, acc));
        require(SplitMath.owedScaled(newTokens, rebased, acc) == owed, "owed changed by a rebase");
        // After the accumulator grows by `grow` (wrapping modulo 2**168), the position earns newTokens × grow.
        uint256 later = (acc + grow) & SplitMath.ACC_MASK;
        require(SplitMath.owedScaled(newTokens, rebased, later) == owed + newTokens * grow, "earnings wrong");
    }

    function testFuzz_claimedOffsetTracksPayments(uint256 paid, uint256 debt, uint256 amount) public pure {
        // Lifetime payments stay below the splitter's lifetime deposits (2**120), a claim below its escrow (2**88).
        paid = bound(paid, 0, type(uint120).max);
        debt = debt & SplitMath.ACC_MASK;
        amount = bound(amount, 0, type(uint88).max);
        uint256 offset = SplitMath.claimedOffset(paid, debt);
        require(SplitMath.claimed(offset, debt) == paid, "offset round trip");
        require(SplitMath.claimed(offset, SplitMath.debtAfterPayment(debt, amount)) == paid + amount, "payment lost");
    }
}
