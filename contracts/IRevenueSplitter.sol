// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IRevenueSplitter
/// @notice One revenue program of 1TT: a data consumer deposits a fixed share α of its revenue R,
/// and contributor i can claim R_i = T_i / ΣT × R × α, deposit by deposit, where T_i are i's tokens
/// that survived preprocessing as attested by an oracle committee.
interface IRevenueSplitter {
    /// @notice A committee statement: `contributor` now has `tokens` cumulative tokens, as recorded
    /// in the IPFS manifest `manifestCid` (binary CIDv1).
    /// @dev EIP-712 type: Attestation(address contributor,uint256 tokens,uint256 nonce,uint256 deadline,
    /// bytes manifestCid), domain {name: "1TT RevenueSplitter", version: "1", chainId, verifyingContract}.
    struct Attestation {
        address contributor;
        uint256 tokens;
        uint256 nonce;
        uint256 deadline;
        bytes manifestCid;
    }

    /// @notice A contributor's signed request to pay what it has earned to `recipient`, submitted
    /// by anyone (a relayer pays the gas).
    /// @dev EIP-712 type: Claim(address contributor,address recipient,uint256 nonce,uint256 deadline),
    /// same domain as {Attestation}. `nonce` must equal {claimNonceOf}(contributor).
    struct Claim {
        address contributor;
        address recipient;
        uint256 nonce;
        uint256 deadline;
    }

    // ---------------------------------------------------------------- events

    /// @notice Revenue was deposited. Replaying these events with {Attested} rebuilds every balance.
    /// @param depositor Who paid.
    /// @param gross The gross revenue R reported.
    /// @param amount Units pulled: floor(gross × alphaBps / 10000).
    /// @param distributed Units added to contributors' earnings by this deposit (rounded down; the
    /// sub-unit rest stays in the accumulator's carry).
    /// @param held Units still undistributed after the deposit (all of it while no token exists).
    /// @param totalTokens ΣT the deposit was shared by.
    /// @param rewardPerToken The accumulator after the deposit (scaled by 2**80, modulo 2**168).
    event RevenueDeposited(
        address indexed depositor,
        uint256 gross,
        uint256 amount,
        uint256 distributed,
        uint256 held,
        uint256 totalTokens,
        uint256 rewardPerToken
    );

    /// @notice Units that reached the splitter outside a deposit (a plain transfer, a rebase) were
    /// shared among contributors as a deposit is: counted in {totalDeposited}, not in gross revenue.
    /// @param caller Who called {syncSurplus}.
    /// @param amount Units shared: the balance above the escrow.
    /// @param distributed Units added to contributors' earnings (as in {RevenueDeposited}).
    /// @param held Units still undistributed afterwards.
    /// @param totalTokens ΣT the surplus was shared by.
    /// @param rewardPerToken The accumulator afterwards.
    event SurplusSynced(
        address indexed caller,
        uint256 amount,
        uint256 distributed,
        uint256 held,
        uint256 totalTokens,
        uint256 rewardPerToken
    );

    /// @notice A contributor's token count was set by a committee attestation.
    /// @param contributor Whose count changed.
    /// @param nonce The attestation's nonce (now the contributor's last nonce).
    /// @param previousTokens T_i before.
    /// @param tokens T_i after.
    /// @param totalTokens ΣT after.
    /// @param epoch The committee that signed (see {CommitteeChanged}).
    /// @param signers Who signed: bit k set when the k-th signer of that committee's list did.
    /// @param manifestCid Binary CIDv1 of the manifest that justifies the count.
    event Attested(
        address indexed contributor,
        uint256 indexed nonce,
        uint256 previousTokens,
        uint256 tokens,
        uint256 totalTokens,
        uint256 epoch,
        uint256 signers,
        bytes manifestCid
    );

    /// @notice `amount` units earned by `contributor` were paid to `to`.
    event Claimed(address indexed contributor, address to, uint256 amount);

    /// @notice The owner proposed committee `epoch`; it can be activated from `activatesAt` on.
    event CommitteeProposed(uint256 indexed epoch, address[] signers, uint256 threshold, uint256 activatesAt);

    /// @notice The proposal of committee `epoch` was withdrawn by `by` (the owner or the guardian).
    event CommitteeProposalCancelled(uint256 indexed epoch, address by);

    /// @notice The oracle committee is now `signers` with `threshold`, numbered `epoch`.
    event CommitteeChanged(uint256 indexed epoch, address[] signers, uint256 threshold);

    /// @notice New attestations are refused until {AttestationsUnpaused}; claims and deposits go on.
    event AttestationsPaused(address by);

    /// @notice Attestations are accepted again.
    event AttestationsUnpaused(address by);

    // ---------------------------------------------------------------- errors

    /// @notice The asset address is zero.
    error InvalidAsset(address asset);
    /// @notice α must be between 1 and 10000 basis points.
    error InvalidAlpha(uint256 alphaBps);
    /// @notice The threshold must be between 1 and the number of signers.
    error InvalidThreshold(uint256 threshold, uint256 signerCount);
    /// @notice A committee may have at most `max` signers.
    error TooManySigners(uint256 signerCount, uint256 max);
    /// @notice A committee signer is the zero address.
    error InvalidSigner(address signer);
    /// @notice A committee lists the same signer twice.
    error DuplicateSigner(address signer);
    /// @notice floor(gross × α / 10000) is zero: there is nothing to share.
    error NothingToDeposit(uint256 gross);
    /// @notice The deposit would make the escrow (deposited and not claimed) exceed `limit`.
    error EscrowLimitExceeded(uint256 escrow, uint256 amount, uint256 limit);
    /// @notice The splitter received `received` units instead of `requested` (fee-on-transfer or
    /// rebasing assets are not supported).
    error AmountReceivedMismatch(uint256 requested, uint256 received);
    /// @notice The attestation's deadline has passed.
    error AttestationExpired(uint256 deadline, uint256 timestamp);
    /// @notice An attestation cannot credit the zero address.
    error InvalidContributor(address contributor);
    /// @notice `manifestCid` is not a binary CIDv1 of a raw (0x55) or dag-pb (0x70) block with a
    /// sha2-256 multihash (36 bytes: 0x01, the codec, 0x12 0x20, the digest), the only CIDs the
    /// oracle writes manifests under.
    error InvalidManifestCid(bytes manifestCid);
    /// @notice The nonce must be strictly greater than the contributor's last nonce.
    error StaleNonce(address contributor, uint256 nonce, uint256 lastNonce);
    /// @notice A nonce may exceed the contributor's last by at most `maxStep`, and never `maxNonce`
    /// (so no attestation can use up a contributor's nonces and freeze their count for good).
    error NonceOutOfRange(uint256 nonce, uint256 lastNonce, uint256 maxStep, uint256 maxNonce);
    /// @notice ΣT would exceed `limit` (`otherTokens` are everyone else's tokens).
    error TotalTokensAboveLimit(uint256 tokens, uint256 otherTokens, uint256 limit);
    /// @notice Signatures are 65 bytes each (r, s, v), concatenated.
    error InvalidSignaturesLength(uint256 length);
    /// @notice Fewer signatures than the committee's threshold.
    error NotEnoughSignatures(uint256 count, uint256 threshold);
    /// @notice Signers must be strictly increasing (which also rules out duplicates).
    error SignersNotInOrder(address previous, address signer);
    /// @notice The recovered signer is not in the current committee.
    error NotACommitteeSigner(address signer, uint256 epoch);
    /// @notice The contributor has nothing to claim.
    error NothingToClaim(address contributor);
    /// @notice Payments to the zero address are refused.
    error InvalidRecipient(address to);
    /// @notice The splitter holds no more than its escrow: there is no surplus to share.
    error NoSurplus(uint256 balance, uint256 escrow);
    /// @notice The committee delay may be at most `max` seconds.
    error InvalidCommitteeDelay(uint256 delay, uint256 max);
    /// @notice There is no committee proposal to activate or cancel.
    error NoCommitteeProposal();
    /// @notice The proposed committee can only be activated from `activatesAt` on.
    error CommitteeProposalNotReady(uint256 activatesAt, uint256 timestamp);
    /// @notice Only the owner or the guardian may do this.
    error NotOwnerOrGuardian(address caller);
    /// @notice Attestations are paused (claims and deposits are not).
    error AttestationsArePaused();
    /// @notice The signed claim's deadline has passed.
    error ClaimExpired(uint256 deadline, uint256 timestamp);
    /// @notice A signed claim must use the contributor's next claim nonce.
    error InvalidClaimNonce(address contributor, uint256 nonce, uint256 expected);
    /// @notice The signature is neither the contributor's ECDSA signature nor accepted by its
    /// ERC-1271 wallet.
    error InvalidClaimSignature(address contributor);

    // ---------------------------------------------------------------- actions

    /// @notice Reports gross revenue `gross` and pays floor(gross × α / 10000) of the asset, shared
    /// among contributors by their tokens at this moment (held while no token exists).
    /// @dev Needs an allowance of at least the returned amount (see {amountForRevenue}).
    /// @return amount Units pulled from the caller.
    function depositRevenue(uint256 gross) external returns (uint256 amount);

    /// @notice {depositRevenue} with an EIP-2612 permit for `amountForRevenue(gross)` units in the same
    /// transaction. A permit already used (e.g. front-run) is ignored if the allowance suffices.
    /// @return amount Units pulled from the caller.
    function depositRevenueWithPermit(uint256 gross, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        returns (uint256 amount);

    /// @notice Sets a contributor's cumulative token count, signed by at least `threshold` current
    /// committee signers. Anyone may submit. What the contributor earned so far is kept.
    /// @param attestation The signed statement.
    /// @param signatures 65-byte signatures (r, s, v) concatenated, ordered by strictly increasing
    /// signer address.
    function attest(Attestation calldata attestation, bytes calldata signatures) external;

    /// @notice Pays everything the caller has earned and not claimed to `to`.
    /// @return amount Units paid.
    function claim(address to) external returns (uint256 amount);

    /// @notice Pays everything `contributor` has earned and not claimed to `contributor` (anyone may call).
    /// @return amount Units paid.
    function claimFor(address contributor) external returns (uint256 amount);

    /// @notice Pays what `request.contributor` has earned to `request.recipient`, on the
    /// contributor's EIP-712 signature (ECDSA, or ERC-1271 for a contract wallet). Anyone may submit.
    /// @return amount Units paid.
    function claimWithSig(Claim calldata request, bytes calldata signature) external returns (uint256 amount);

    /// @notice Shares the asset's balance above the escrow (tokens sent by plain transfer, rebases)
    /// among contributors as a deposit would. Anyone may call.
    /// @return amount Units shared.
    function syncSurplus() external returns (uint256 amount);

    /// @notice Proposes a new oracle committee (owner only). It can be activated after
    /// {committeeDelay}; a new proposal replaces a pending one and restarts the delay.
    function proposeCommittee(address[] calldata signers, uint256 threshold) external;

    /// @notice Withdraws the pending committee proposal (owner or guardian).
    function cancelCommitteeProposal() external;

    /// @notice Makes the proposed committee current once its delay has passed (anyone may call).
    /// Signatures of removed signers stop counting at once.
    function activateCommittee() external;

    /// @notice Refuses new attestations until {unpause} (owner or guardian); claims and deposits go on.
    function pauseAttestations() external;

    /// @notice Accepts attestations again (owner or guardian).
    function unpause() external;

    // ---------------------------------------------------------------- views

    /// @notice The ERC-20 asset revenue is paid in.
    function asset() external view returns (IERC20);

    /// @notice α, the share of gross revenue paid to contributors, in basis points (1..10000).
    function alphaBps() external view returns (uint256);

    /// @notice Units pulled by a deposit reporting `gross`: floor(gross × α / 10000).
    function amountForRevenue(uint256 gross) external view returns (uint256);

    /// @notice T_i, the contributor's attested tokens.
    function tokensOf(address contributor) external view returns (uint256);

    /// @notice ΣT, all contributors' tokens.
    function totalTokens() external view returns (uint256);

    /// @notice The contributor's share of future deposits as the fraction `tokens / total`.
    function shareOf(address contributor) external view returns (uint256 tokens, uint256 total);

    /// @notice Units the contributor can claim now.
    function claimable(address contributor) external view returns (uint256);

    /// @notice Units paid to the contributor over its lifetime.
    function claimed(address contributor) external view returns (uint256);

    /// @notice The contributor's last attestation nonce (0 before the first).
    function nonceOf(address contributor) external view returns (uint256);

    /// @notice Sum of the gross revenue reported by all deposits.
    function totalGrossRevenue() external view returns (uint256);

    /// @notice Units pulled by all deposits.
    function totalDeposited() external view returns (uint256);

    /// @notice Units paid by all claims.
    function totalClaimed() external view returns (uint256);

    /// @notice Units deposited and not yet shared (deposits made while ΣT was 0, and less than one
    /// unit of division carry).
    function held() external view returns (uint256);

    /// @notice The reward-per-token accumulator (scaled by 2**80, modulo 2**168; only differences matter).
    function rewardPerToken() external view returns (uint256);

    /// @notice The current oracle committee.
    function committee() external view returns (address[] memory signers, uint256 threshold, uint256 epoch);

    /// @notice Whether `signer` belongs to the current committee.
    function isCommitteeSigner(address signer) external view returns (bool);

    /// @notice The pending committee proposal; `activatesAt` is 0 when there is none.
    function pendingCommittee()
        external
        view
        returns (address[] memory signers, uint256 threshold, uint256 activatesAt);

    /// @notice Seconds between a committee proposal and its earliest activation (fixed at creation).
    function committeeDelay() external view returns (uint256);

    /// @notice Who may pause attestations and cancel proposals besides the owner (zero: nobody).
    function guardian() external view returns (address);

    /// @notice Whether new attestations are refused.
    function attestationsPaused() external view returns (bool);

    /// @notice Units the splitter holds above its escrow, which {syncSurplus} would share.
    function surplus() external view returns (uint256);

    /// @notice The nonce the contributor's next signed claim must carry.
    function claimNonceOf(address contributor) external view returns (uint256);

    /// @notice The EIP-712 digest a contributor signs for `request`.
    function hashClaim(Claim calldata request) external view returns (bytes32);

    /// @notice The EIP-712 digest the committee signs for `attestation`.
    function hashAttestation(Attestation calldata attestation) external view returns (bytes32);
}
