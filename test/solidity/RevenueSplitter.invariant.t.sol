// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IRevenueSplitter} from "../../contracts/IRevenueSplitter.sol";
import {RevenueSplitter} from "../../contracts/RevenueSplitter.sol";
import {TestUSD} from "../../contracts/TestUSD.sol";
import {Cheats} from "./Cheats.sol";

/// @notice Drives a splitter with random attestations (signed by the current committee),
/// deposits, claims and committee rotations, and keeps ghost totals to check it against.
contract SplitterHandler is Cheats {
    uint256 internal constant CONTRIBUTORS = 8;
    RevenueSplitter public immutable splitter;
    TestUSD public immutable usd;
    uint256[2][2] internal committees; // two committees of two keys each; one is current
    uint256 public current;
    uint256 public ghostDeposited;
    uint256 public ghostClaimed;
    uint256 public ghostGross;
    uint256 public ghostSurplus;
    mapping(address => uint256) public ghostClaimedBy;
    uint256 public calls;

    constructor(TestUSD usd_) {
        usd = usd_;
        committees = [[uint256(0xA11CE), uint256(0xB0B)], [uint256(0xC0FFEE), uint256(0xD00D)]];
        address[] memory signers = new address[](2);
        signers[0] = vm.addr(committees[0][0]);
        signers[1] = vm.addr(committees[0][1]);
        splitter = new RevenueSplitter(IERC20(address(usd_)), 7_000, signers, 2, address(this), address(0), 1 days);
        usd_.approve(address(splitter), type(uint256).max);
    }

    function contributor(uint256 i) public pure returns (address) {
        return address(uint160(0x1000 + (i % CONTRIBUTORS)));
    }

    function contributorCount() external pure returns (uint256) {
        return CONTRIBUTORS;
    }

    function attest(uint256 who, uint256 tokens) external {
        calls++;
        if (splitter.attestationsPaused()) return;
        address c = contributor(who);
        // Mostly small counts, sometimes the 10^13 extreme.
        tokens = tokens % 5 == 0 ? bound(tokens, 0, 1e13) : bound(tokens, 0, 1_000);
        IRevenueSplitter.Attestation memory a = IRevenueSplitter.Attestation({
            contributor: c,
            tokens: tokens,
            nonce: splitter.nonceOf(c) + 1,
            deadline: block.timestamp,
            manifestCid: hex"01551220abababababababababababababababababababababababababababababababab"
        });
        bytes32 digest = splitter.hashAttestation(a);
        uint256 k0 = committees[current][0];
        uint256 k1 = committees[current][1];
        if (vm.addr(k0) > vm.addr(k1)) (k0, k1) = (k1, k0);
        splitter.attest(a, bytes.concat(_sign(k0, digest), _sign(k1, digest)));
    }

    function deposit(uint256 gross, uint256 magnitude) external {
        calls++;
        gross = bound(gross, 0, 10 ** bound(magnitude, 1, 30));
        uint256 amount = splitter.amountForRevenue(gross);
        uint256 escrow = splitter.totalDeposited() - splitter.totalClaimed();
        if (amount == 0 || amount > splitter.MAX_ESCROW() - escrow) return;
        usd.mint(address(this), amount);
        splitter.depositRevenue(gross);
        ghostDeposited += amount;
        ghostGross += gross;
    }

    /// @dev Tokens sent by plain transfer, then shared by anyone's syncSurplus.
    function sendSurplus(uint256 amount) external {
        calls++;
        amount = bound(amount, 1, 1e24);
        uint256 escrow = splitter.totalDeposited() - splitter.totalClaimed();
        if (amount > splitter.MAX_ESCROW() - escrow) return;
        usd.mint(address(splitter), amount);
        splitter.syncSurplus();
        ghostDeposited += amount;
        ghostSurplus += amount;
    }

    function togglePause() external {
        calls++;
        if (splitter.attestationsPaused()) splitter.unpause();
        else splitter.pauseAttestations();
    }

    function claim(uint256 who, bool forSomeoneElse) external {
        calls++;
        address c = contributor(who);
        uint256 owed = splitter.claimable(c);
        if (owed == 0) return;
        if (forSomeoneElse) {
            splitter.claimFor(c);
        } else {
            vm.prank(c);
            splitter.claim(c);
        }
        ghostClaimed += owed;
        ghostClaimedBy[c] += owed;
    }

    function rotateCommittee() external {
        calls++;
        current = 1 - current;
        address[] memory signers = new address[](2);
        signers[0] = vm.addr(committees[current][0]);
        signers[1] = vm.addr(committees[current][1]);
        splitter.proposeCommittee(signers, 2);
        vm.warp(block.timestamp + splitter.committeeDelay());
        splitter.activateCommittee();
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }
}

/// @notice Invariants: solvency, conservation of money, ΣT, lifetime claims.
contract RevenueSplitterInvariantTest is Cheats {
    SplitterHandler internal handler;
    RevenueSplitter internal splitter;
    TestUSD internal usd;

    function setUp() public {
        usd = new TestUSD();
        handler = new SplitterHandler(usd);
        splitter = handler.splitter();
    }

    /// @notice The handler's actions really reach the splitter (a reverting handler would make
    /// the invariant runs vacuous).
    function test_handlerActionsReachTheSplitter() public {
        handler.attest(1, 10);
        handler.attest(2, 30);
        handler.deposit(1e6, 6);
        require(splitter.totalDeposited() == 7e5, "deposit did not land");
        handler.claim(1, false);
        handler.claim(2, true);
        require(splitter.totalClaimed() == 7e5, "claims did not land");
        handler.sendSurplus(12_345);
        require(handler.ghostSurplus() > 0 && splitter.totalDeposited() == 7e5 + handler.ghostSurplus(), "surplus was not shared");
        handler.rotateCommittee();
        handler.attest(1, 0);
        require(splitter.totalTokens() == 30, "attestation by the new committee did not land");
        handler.togglePause();
        handler.attest(2, 0);
        require(splitter.totalTokens() == 30, "an attestation landed while paused");
        handler.togglePause();
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function _owed() internal view returns (uint256 owed) {
        for (uint256 i; i < handler.contributorCount(); ++i) {
            owed += splitter.claimable(handler.contributor(i));
        }
        owed += splitter.held();
    }

    /// @notice The balance always covers everything claimable plus what is held.
    function invariant_solvency() public view {
        require(usd.balanceOf(address(splitter)) >= _owed(), "insolvent");
    }

    /// @notice deposited = claimed + claimable + held + dust, 0 <= dust <= contributors + 1.
    function invariant_conservation() public view {
        uint256 deposited = splitter.totalDeposited();
        uint256 claimed = splitter.totalClaimed();
        require(deposited == handler.ghostDeposited(), "deposited drifted");
        require(claimed == handler.ghostClaimed(), "claimed drifted");
        require(splitter.totalGrossRevenue() == handler.ghostGross(), "gross drifted");
        require(usd.balanceOf(address(splitter)) == deposited - claimed, "balance drifted");
        uint256 owed = _owed();
        require(claimed + owed <= deposited, "owes more than was deposited");
        require(deposited - claimed - owed <= handler.contributorCount() + 1, "dust above bound");
    }

    /// @notice ΣT is the sum of the T_i, and each contributor's lifetime claims are recorded.
    function invariant_tokensAndClaims() public view {
        uint256 sum;
        for (uint256 i; i < handler.contributorCount(); ++i) {
            address c = handler.contributor(i);
            sum += splitter.tokensOf(c);
            require(splitter.claimed(c) == handler.ghostClaimedBy(c), "claimed(i) drifted");
        }
        require(sum == splitter.totalTokens(), "total tokens drifted");
    }
}
