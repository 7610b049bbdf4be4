// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

import {IRevenueSplitter} from "../IRevenueSplitter.sol";

/// @title WrongSplitter
/// @notice TEST DOUBLE, used only by the audit's tests (oracle/audit/): from the outside it is a
/// RevenueSplitter (same interface, events, views and EIP-712 domain), but it has two deliberate,
/// plausible bugs that an auditor must catch from public data:
/// 1. Payouts: it shares all revenue ever deposited by the shares of the moment you ask
///    (claimable = deposited × T_i / ΣT − claimed), not deposit by deposit by the shares at each
///    deposit, so a late contributor earns from deposits made before it arrived.
/// 2. Committee: it checks signatures against the committee it was deployed with. activateCommittee
///    announces the proposed committee (event and view) but never applies it, so removed signers
///    can still sign. Its proposals take effect at once (no delay), and its pause stops nothing.
contract WrongSplitter is IRevenueSplitter, EIP712 {
    using SafeERC20 for IERC20;

    bytes32 private constant _ATTESTATION_TYPEHASH = keccak256(
        "Attestation(address contributor,uint256 tokens,uint256 nonce,uint256 deadline,bytes manifestCid)"
    );

    IERC20 private immutable _ASSET;
    uint256 private immutable _ALPHA_BPS;
    address private immutable _OWNER;

    mapping(address signer => bool) private _deployedWith;
    uint256 private immutable _DEPLOYED_THRESHOLD;
    address[] private _signers;
    uint256 private _threshold;
    uint256 private _epoch;
    address[] private _proposedSigners;
    uint256 private _proposedThreshold;
    bool private _paused;

    mapping(address contributor => uint256) private _tokens;
    mapping(address contributor => uint256) private _nonces;
    mapping(address contributor => uint256) private _claimed;
    uint256 private _totalTokens;
    uint256 private _gross;
    uint256 private _deposited;
    uint256 private _totalClaimed;

    constructor(IERC20 asset_, uint256 alphaBps_, address[] memory signers, uint256 threshold)
        EIP712("1TT RevenueSplitter", "1")
    {
        _ASSET = asset_;
        _ALPHA_BPS = alphaBps_;
        _OWNER = msg.sender;
        _DEPLOYED_THRESHOLD = threshold;
        for (uint256 i; i < signers.length; ++i) _deployedWith[signers[i]] = true;
        _announce(signers, threshold);
    }

    function depositRevenue(uint256 gross) external returns (uint256 amount) {
        amount = _deposit(gross);
    }

    function depositRevenueWithPermit(uint256 gross, uint256, uint8, bytes32, bytes32)
        external
        returns (uint256 amount)
    {
        amount = _deposit(gross);
    }

    function attest(Attestation calldata attestation, bytes calldata signatures) external {
        address contributor = attestation.contributor;
        if (block.timestamp > attestation.deadline) revert AttestationExpired(attestation.deadline, block.timestamp);
        if (attestation.nonce <= _nonces[contributor]) {
            revert StaleNonce(contributor, attestation.nonce, _nonces[contributor]);
        }
        bytes32 digest = hashAttestation(attestation);
        uint256 count = signatures.length / 65;
        if (count < _DEPLOYED_THRESHOLD) revert NotEnoughSignatures(count, _DEPLOYED_THRESHOLD);
        uint256 signerBits;
        for (uint256 i; i < count; ++i) {
            address signer = ECDSA.recoverCalldata(digest, signatures[i * 65:(i + 1) * 65]);
            // Bug 2: the committee it was deployed with, whatever activateCommittee said since.
            if (!_deployedWith[signer]) revert NotACommitteeSigner(signer, _epoch);
            for (uint256 k; k < _signers.length; ++k) {
                if (_signers[k] == signer) signerBits |= 1 << k;
            }
        }
        uint256 previous = _tokens[contributor];
        _totalTokens = _totalTokens - previous + attestation.tokens;
        _tokens[contributor] = attestation.tokens;
        _nonces[contributor] = attestation.nonce;
        emit Attested(
            contributor, attestation.nonce, previous, attestation.tokens, _totalTokens, _epoch, signerBits, attestation.manifestCid
        );
    }

    function claim(address to) external returns (uint256 amount) {
        amount = _claim(msg.sender, to);
    }

    function claimFor(address contributor) external returns (uint256 amount) {
        amount = _claim(contributor, contributor);
    }

    function claimWithSig(Claim calldata request, bytes calldata) external pure returns (uint256) {
        revert InvalidClaimSignature(request.contributor);
    }

    function syncSurplus() external view returns (uint256) {
        revert NoSurplus(_ASSET.balanceOf(address(this)), _deposited - _totalClaimed);
    }

    function proposeCommittee(address[] calldata signers, uint256 threshold) external {
        if (msg.sender != _OWNER) revert NotOwnerOrGuardian(msg.sender);
        _proposedSigners = signers;
        _proposedThreshold = threshold;
        emit CommitteeProposed(_epoch + 1, signers, threshold, block.timestamp);
    }

    function cancelCommitteeProposal() external {
        revert NoCommitteeProposal();
    }

    function activateCommittee() external {
        _announce(_proposedSigners, _proposedThreshold);
    }

    function pauseAttestations() external {
        _paused = true;
        emit AttestationsPaused(msg.sender);
    }

    function unpause() external {
        _paused = false;
        emit AttestationsUnpaused(msg.sender);
    }

    function asset() external view returns (IERC20) {
        return _ASSET;
    }

    function alphaBps() external view returns (uint256) {
        return _ALPHA_BPS;
    }

    function amountForRevenue(uint256 gross) external view returns (uint256) {
        return gross * _ALPHA_BPS / 10_000;
    }

    function tokensOf(address contributor) external view returns (uint256) {
        return _tokens[contributor];
    }

    function totalTokens() external view returns (uint256) {
        return _totalTokens;
    }

    function shareOf(address contributor) external view returns (uint256 tokens, uint256 total) {
        return (_tokens[contributor], _totalTokens);
    }

    function claimable(address contributor) public view returns (uint256) {
        if (_totalTokens == 0) return 0;
        // Bug 1: today's share of everything ever deposited.
        uint256 earned = _deposited * _tokens[contributor] / _totalTokens;
        return earned > _claimed[contributor] ? earned - _claimed[contributor] : 0;
    }

    function claimed(address contributor) external view returns (uint256) {
        return _claimed[contributor];
    }

    function nonceOf(address contributor) external view returns (uint256) {
        return _nonces[contributor];
    }

    function totalGrossRevenue() external view returns (uint256) {
        return _gross;
    }

    function totalDeposited() external view returns (uint256) {
        return _deposited;
    }

    function totalClaimed() external view returns (uint256) {
        return _totalClaimed;
    }

    function held() external view returns (uint256) {
        return _totalTokens == 0 ? _deposited - _totalClaimed : 0;
    }

    function rewardPerToken() external pure returns (uint256) {
        return 0;
    }

    function committee() external view returns (address[] memory signers, uint256 threshold, uint256 epoch) {
        return (_signers, _threshold, _epoch);
    }

    function isCommitteeSigner(address signer) external view returns (bool) {
        return _deployedWith[signer];
    }

    function pendingCommittee() external view returns (address[] memory, uint256, uint256) {
        return (_proposedSigners, _proposedThreshold, 0);
    }

    function committeeDelay() external pure returns (uint256) {
        return 0;
    }

    function guardian() external pure returns (address) {
        return address(0);
    }

    function attestationsPaused() external view returns (bool) {
        return _paused;
    }

    function surplus() external pure returns (uint256) {
        return 0;
    }

    function claimNonceOf(address) external pure returns (uint256) {
        return 0;
    }

    function hashClaim(Claim calldata) external pure returns (bytes32) {
        return 0;
    }

    function hashAttestation(Attestation calldata attestation) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    _ATTESTATION_TYPEHASH,
                    attestation.contributor,
                    attestation.tokens,
                    attestation.nonce,
                    attestation.deadline,
                    keccak256(attestation.manifestCid)
                )
            )
        );
    }

    function _announce(address[] memory signers, uint256 threshold) private {
        _signers = signers;
        _threshold = threshold;
        ++_epoch;
        emit CommitteeChanged(_epoch, signers, threshold);
    }

    function _deposit(uint256 gross) private returns (uint256 amount) {
        amount = gross * _ALPHA_BPS / 10_000;
        if (amount == 0) revert NothingToDeposit(gross);
        _gross += gross;
        _deposited += amount;
        emit RevenueDeposited(msg.sender, gross, amount, _totalTokens == 0 ? 0 : amount, 0, _totalTokens, 0);
        _ASSET.safeTransferFrom(msg.sender, address(this), amount);
    }

    function _claim(address contributor, address to) private returns (uint256 amount) {
        amount = claimable(contributor);
        if (amount == 0) revert NothingToClaim(contributor);
        _claimed[contributor] += amount;
        _totalClaimed += amount;
        emit Claimed(contributor, to, amount);
        _ASSET.safeTransfer(to, amount);
    }
}
