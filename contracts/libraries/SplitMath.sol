// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title SplitMath
/// @notice The fixed-point and modular arithmetic of the revenue accumulator, in one place.
/// @dev Units. `amount` values are units of the asset. A "scaled" value is an amount times
/// `ONE = 2**80`. The accumulator `acc` is the scaled revenue per token, summed over all deposits.
///
/// Why 2**80: total tokens are capped at `2**48 - 1`, so a deposit's division remainder (the carry,
/// always smaller than total tokens in scaled units) is worth less than 2**-32 units of the asset.
/// The carry is shared at the next deposit by whoever holds tokens then, so one change of a
/// contributor's share moves its earnings by less than 2**-32 units.
///
/// Modular storage. Only differences of the accumulator ever matter, so it is stored modulo
/// `2**168`, and a contributor's position is one word: `tokens` (48 bits) and `debt` (208 bits)
/// with `owedScaled = tokens * acc - debt (mod 2**168)`. The true owed value is below `2**168`
/// because the splitter keeps its escrow (deposited minus claimed) below `2**88` and every
/// contributor's owed scaled amount is at most `escrow * ONE` (see RevenueSplitter's invariants).
/// A claim of `a` units adds `a * ONE` to `debt` (mod `2**208`); nothing is ever rounded away:
/// the fraction below one unit stays in the position and is paid once it grows to a unit.
library SplitMath {
    /// @notice Number of fractional bits of every scaled value.
    uint256 internal constant PRECISION_BITS = 80;
    /// @notice One unit of the asset in scaled form.
    uint256 internal constant ONE = 1 << PRECISION_BITS;
    /// @notice The accumulator and owed amounts live modulo 2**168.
    uint256 internal constant ACC_MASK = (1 << 168) - 1;
    /// @notice Debts (and the claimed-amount offsets) live modulo 2**208.
    uint256 internal constant DEBT_MASK = (1 << 208) - 1;

    /// @notice Shares `amount` (plus what was left over before) among `totalTokens` tokens.
    /// @param acc The accumulator before the deposit.
    /// @param undistributed Scaled revenue not yet in the accumulator (held deposits and the carry).
    /// @param amount Units deposited now.
    /// @param totalTokens Total tokens at this moment; zero holds everything for a later deposit.
    /// @return newAcc The accumulator after the deposit (mod 2**168).
    /// @return newUndistributed What stays undistributed: everything if `totalTokens` is zero,
    /// otherwise the remainder of the division, smaller than `totalTokens`.
    function distribute(uint256 acc, uint256 undistributed, uint256 amount, uint256 totalTokens)
        internal
        pure
        returns (uint256 newAcc, uint256 newUndistributed)
    {
        newUndistributed = undistributed + (amount << PRECISION_BITS);
        if (totalTokens == 0) return (acc, newUndistributed);
        uint256 perToken = newUndistributed / totalTokens;
        unchecked {
            // perToken * totalTokens <= newUndistributed by the definition of the division.
            newUndistributed -= perToken * totalTokens;
            newAcc = (acc + perToken) & ACC_MASK;
        }
    }

    /// @notice Scaled revenue a position has earned and not yet been paid.
    function owedScaled(uint256 tokens, uint256 debt, uint256 acc) internal pure returns (uint256) {
        unchecked {
            return (tokens * acc - debt) & ACC_MASK;
        }
    }

    /// @notice The debt that makes a position of `tokens` owe exactly `owed` (scaled) at `acc`.
    function debtFor(uint256 tokens, uint256 acc, uint256 owed) internal pure returns (uint256) {
        unchecked {
            return (tokens * acc - owed) & ACC_MASK;
        }
    }

    /// @notice The debt after paying `amount` units.
    function debtAfterPayment(uint256 debt, uint256 amount) internal pure returns (uint256) {
        unchecked {
            return (debt + (amount << PRECISION_BITS)) & DEBT_MASK;
        }
    }

    /// @notice Lifetime units paid to a contributor, from its claimed offset and current debt.
    /// @dev Between two attestations only payments change `debt`, each by `amount * ONE`, so
    /// `offset + debt` is the lifetime paid amount times ONE (mod 2**208).
    function claimed(uint256 offset, uint256 debt) internal pure returns (uint256) {
        unchecked {
            return ((offset + debt) & DEBT_MASK) >> PRECISION_BITS;
        }
    }

    /// @notice The offset that makes `claimed(offset, debt)` equal `paid`.
    function claimedOffset(uint256 paid, uint256 debt) internal pure returns (uint256) {
        unchecked {
            return ((paid << PRECISION_BITS) - debt) & DEBT_MASK;
        }
    }
}
