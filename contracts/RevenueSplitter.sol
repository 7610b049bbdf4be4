// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IRevenueSplitter} from "./IRevenueSplitter.sol";
import {SplitMath} from "./libraries/SplitMath.sol";

/// @title RevenueSplitter
/// @notice Escrows a share α of a data consumer's revenue and lets each contributor claim
/// T_i / ΣT of every deposit made while it held T_i tokens. Token counts come from an oracle
/// committee (m-of-n EIP-712 signatures). The owner can propose a new committee, which takes effect
/// only after a delay fixed at creation, and pause new attestations; a guardian set at creation can
/// pause and cancel proposals too. No function moves escrowed money except a claim paying a
/// contributor what it earned, and nothing can stop claims or deposits.
///
/// @dev Accounting (see SplitMath for the arithmetic):
/// - A deposit adds `amount * 2**80 + undistributed` divided by ΣT to the accumulator; the
///   remainder (less than ΣT, i.e. less than 2**-32 units) stays undistributed, so is everything
///   while ΣT = 0. No unit is lost: it is shared at the next deposit that finds ΣT > 0.
/// - A contributor's owed amount is `tokens * acc - debt`, kept in scaled form; an attestation
///   re-bases the debt on the new token count without rounding, a claim pays the whole units
///   and leaves the sub-unit fraction owed.
/// - Exact identity, in scaled units: Σ_i owed_i + undistributed = escrow × 2**80, where
///   escrow = totalDeposited − totalClaimed. Hence totalDeposited = totalClaimed + Σ claimable
///   + held + dust, with dust < (number of contributors + 1) units (each one's fraction below
///   a unit), and the balance always covers everything claimable.
/// - Against the ideal formula (exact rationals, deposit by deposit; oracle/protocol/payout.ts) a
///   contributor's lifetime earnings E_i (claimed + claimable) satisfy
///   |E_i − ideal_i| < 1 + (share_i,n·ΣT_n + Σ_k |share_i,k+1 − share_i,k|·ΣT_k) / 2**80 ≤ 1 + (1 + Σ_k |Δshare_i,k|) / 2**32,
///   where share_i,k = T_i/ΣT at the k-th deposit that found ΣT > 0: the one unit is the final
///   rounding down, the rest comes from the carry (< ΣT/2**80 ≤ 2**-32 units) being shared by whoever
///   holds tokens at the next deposit. Claims add no rounding. A contributor is therefore paid the
///   exact formula rounded down, or one unit less, unless its share changes 2**32 times.
/// - Limits: ΣT ≤ 2**48 − 1; escrow ≤ 2**88 − 1 (a deposit exceeding it reverts), lifetime
///   deposited ≤ 2**120 − 1 and lifetime gross ≤ 2**128 − 1 (SafeCast reverts beyond); nonces ≤ 2**48 − 1.
/// - Assets: plain ERC-20s. Fee-on-transfer tokens are refused at deposit; tokens sent by plain
///   transfer and positive rebases are shared by {syncSurplus}; a balance that shrinks on its own
///   (negative rebase, slashing) is not supported: the last claims would then fail.
contract RevenueSplitter is IRevenueSplitter, Ownable2Step, EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice EIP-712 type hash of {Attestation}.
    bytes32 public constant ATTESTATION_TYPEHASH = keccak256(
        "Attestation(address contributor,uint256 tokens,uint256 nonce,uint256 deadline,bytes manifestCid)"
    );
    /// @notice EIP-712 type hash of {Claim}.
    bytes32 public constant CLAIM_TYPEHASH =
        keccak256("Claim(address contributor,address recipient,uint256 nonce,uint256 deadline)");
    /// @notice Scale of the accumulator: one unit of the asset is 2**80 scaled units.
    uint256 public constant PRECISION = SplitMath.ONE;
    /// @notice Upper bound of ΣT (and so of any T_i).
    uint256 public constant MAX_TOTAL_TOKENS = type(uint48).max;
    /// @notice Upper bound of the escrow (deposited and not yet claimed), in units.
    uint256 public constant MAX_ESCROW = type(uint88).max;
    /// @notice Upper bound of attestation nonces.
    uint256 public constant MAX_NONCE = type(uint48).max;
    /// @dev A manifest CID: CIDv1 (0x01), raw (0x55) or dag-pb (0x70), sha2-256 (0x12) of 32 bytes (0x20), then the digest.
    uint256 private constant MANIFEST_CID_LENGTH = 36;
    bytes4 private constant CID_V1_RAW_SHA256 = 0x01551220;
    bytes4 private constant CID_V1_DAG_PB_SHA256 = 0x01701220;
    /// @notice Most a nonce may exceed the contributor's last one by. The oracle's nonces go up by
    /// one per submission; the bound means even a captured committee would need 2**32
    /// attestations to reach MAX_NONCE, so it cannot freeze a contributor's count with one.
    uint256 public constant MAX_NONCE_STEP = 2 ** 16;
    /// @notice Upper bound of the committee size.
    uint256 public constant MAX_SIGNERS = 255;
    /// @notice Upper bound of the committee delay: a longer one would leave a program unable to
    /// replace a failing committee for too long.
    uint256 public constant MAX_COMMITTEE_DELAY = 90 days;

    uint256 private constant _BPS = 10_000;
    uint256 private constant _SIGNATURE_LENGTH = 65;

    IERC20 private immutable _ASSET;
    uint256 private immutable _ALPHA_BPS;
    address private immutable _GUARDIAN;
    uint256 private immutable _COMMITTEE_DELAY;

    /// @dev Hot word of a contributor: everything a claim reads and writes.
    struct Position {
        uint48 tokens;
        uint208 debt;
    }

    /// @dev Cold word of a contributor, touched by attestations only: the last nonce and the
    /// offset that turns the debt into the lifetime claimed amount.
    struct Account {
        uint48 nonce;
        uint208 claimedOffset;
    }

    /// @dev Read and written by every claim: the accumulator and the escrow (deposited − claimed).
    /// A claim could leave this word alone only by no longer counting what it pays out, and the
    /// exact escrow is what {syncSurplus}, {totalClaimed} and the escrow limit rest on.
    struct Pool {
        uint168 rewardPerToken;
        uint88 escrow;
    }

    /// @dev ΣT and the scaled revenue waiting to be shared (held deposits plus the carry).
    struct Supply {
        uint48 totalTokens;
        uint208 undistributed;
    }

    /// @dev Lifetime figures, written by deposits only. `nonZero` is set once by the constructor
    /// so that the first deposit writes a non-empty slot (5,000 gas instead of 22,100).
    struct Totals {
        uint128 gross;
        uint120 deposited;
        uint8 nonZero;
    }

    /// @dev Read by every attestation, so the pause lives here too.
    struct Committee {
        uint64 epoch;
        uint64 threshold;
        bool paused;
    }

    /// @dev The committee proposal: `activatesAt` is 0 when none is pending; `id` numbers every
    /// committee list ever recorded, which the duplicate check of a list relies on.
    struct Proposal {
        uint64 threshold;
        uint64 activatesAt;
        uint64 id;
    }

    /// @dev A signer is in the committee iff its epoch equals the committee's: O(1) membership,
    /// and a rotation drops every previous signer at once. `index` is its place in the list (its
    /// bit in {Attested}); `list` the last list id that named it.
    struct Member {
        uint64 epoch;
        uint64 list;
        uint8 index;
    }

    Pool private _pool;
    Supply private _supply;
    Totals private _totals;
    Committee private _committee;
    Proposal private _proposal;
    mapping(uint256 epoch => address[]) private _committeeSigners;
    mapping(address signer => Member) private _members;
    mapping(address contributor => Position) private _positions;
    mapping(address contributor => Account) private _accounts;
    mapping(address contributor => uint256) private _claimNonces;

    /// @param asset_ The ERC-20 revenue is paid in (fee-on-transfer tokens are refused at deposit).
    /// @param alphaBps_ α in basis points, 1..10000.
    /// @param signers The initial oracle committee (epoch 1, in force at once).
    /// @param threshold Signatures needed per attestation.
    /// @param owner_ Who may propose committees and pause attestations (a multisig in production).
    /// @param guardian_ Who else may pause attestations and cancel proposals (zero: nobody).
    /// @param committeeDelay_ Seconds between a committee proposal and its activation, at most
    /// MAX_COMMITTEE_DELAY.
    constructor(
        IERC20 asset_,
        uint256 alphaBps_,
        address[] memory signers,
        uint256 threshold,
        address owner_,
        address guardian_,
        uint256 committeeDelay_
    ) Ownable(owner_) EIP712("1TT RevenueSplitter", "1") {
        if (address(asset_) == address(0)) revert InvalidAsset(address(asset_));
        if (alphaBps_ == 0 || alphaBps_ > _BPS) revert InvalidAlpha(alphaBps_);
        if (committeeDelay_ > MAX_COMMITTEE_DELAY) revert InvalidCommitteeDelay(committeeDelay_, MAX_COMMITTEE_DELAY);
        _ASSET = asset_;
        _ALPHA_BPS = alphaBps_;
        _GUARDIAN = guardian_;
        _COMMITTEE_DELAY = committeeDelay_;
        _recordCommittee(signers, threshold, 1, 1);
        _proposal.id = 1;
        _activateCommittee(1, threshold);
        // Only differences of the accumulator matter, so its origin is free: starting at 1 (like
        // the marker in Totals) makes the program's first deposit pay no zero-to-non-zero writes.
        _pool.rewardPerToken = 1;
        _totals.nonZero = 1;
    }

    modifier onlyOwnerOrGuardian() {
        if (msg.sender != owner() && msg.sender != _GUARDIAN) revert NotOwnerOrGuardian(msg.sender);
        _;
    }

    // ---------------------------------------------------------------- deposits

    /// @inheritdoc IRevenueSplitter
    function depositRevenue(uint256 gross) external nonReentrant returns (uint256 amount) {
        amount = _deposit(gross);
    }

    /// @inheritdoc IRevenueSplitter
    function depositRevenueWithPermit(uint256 gross, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
        returns (uint256 amount)
    {
        // A failed permit (already used by a front-runner, or no permit support) is not an error:
        // the transfer below succeeds if the allowance is there and fails otherwise.
        try IERC20Permit(address(_ASSET)).permit(
            msg.sender, address(this), _amountForRevenue(gross), deadline, v, r, s
        ) {} catch {} // solhint-disable-line no-empty-blocks
        amount = _deposit(gross);
    }

    function _deposit(uint256 gross) private returns (uint256 amount) {
        amount = _amountForRevenue(gross);
        if (amount == 0) revert NothingToDeposit(gross);
        uint256 balanceBefore = _ASSET.balanceOf(address(this));
        (uint256 acc, uint256 distributed, uint256 held_, uint256 total) = _share(amount, gross);
        emit RevenueDeposited(msg.sender, gross, amount, distributed, held_, total, acc);

        _ASSET.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received;
        unchecked {
            received = _ASSET.balanceOf(address(this)) - balanceBefore;
        }
        if (received != amount) revert AmountReceivedMismatch(amount, received);
    }

    /// @inheritdoc IRevenueSplitter
    function syncSurplus() external nonReentrant returns (uint256 amount) {
        uint256 escrow = _pool.escrow;
        uint256 balance = _ASSET.balanceOf(address(this));
        if (balance <= escrow) revert NoSurplus(balance, escrow);
        // Beyond the escrow limit the rest waits for claims to make room, like a deposit would.
        amount = Math.min(balance - escrow, MAX_ESCROW - escrow);
        (uint256 acc, uint256 distributed, uint256 held_, uint256 total) = _share(amount, 0);
        emit SurplusSynced(msg.sender, amount, distributed, held_, total, acc);
    }

    /// @dev Adds `amount` units (reported as `gross` revenue) to the escrow and shares them by the
    /// tokens of this moment. Returns what the deposit events report.
    function _share(uint256 amount, uint256 gross)
        private
        returns (uint256 acc, uint256 distributed, uint256 held_, uint256 total)
    {
        Pool memory pool = _pool;
        if (amount > MAX_ESCROW - pool.escrow) revert EscrowLimitExceeded(pool.escrow, amount, MAX_ESCROW);
        Supply memory supply = _supply;
        Totals memory totals = _totals;
        uint256 undistributed;
        (acc, undistributed) =
            SplitMath.distribute(pool.rewardPerToken, supply.undistributed, amount, supply.totalTokens);
        _pool = Pool(uint168(acc), uint88(pool.escrow + amount));
        _supply.undistributed = uint208(undistributed);
        _totals = Totals(SafeCast.toUint128(totals.gross + gross), SafeCast.toUint120(totals.deposited + amount), 1);
        distributed =
            (supply.undistributed + (amount << SplitMath.PRECISION_BITS) - undistributed) >> SplitMath.PRECISION_BITS;
        held_ = undistributed >> SplitMath.PRECISION_BITS;
        total = supply.totalTokens;
    }

    // ---------------------------------------------------------------- attestations

    /// @inheritdoc IRevenueSplitter
    function attest(Attestation calldata attestation, bytes calldata signatures) external {
        address contributor = attestation.contributor;
        uint256 nonce = attestation.nonce;
        if (block.timestamp > attestation.deadline) {
            revert AttestationExpired(attestation.deadline, block.timestamp);
        }
        if (contributor == address(0)) revert InvalidContributor(contributor);
        _checkManifestCid(attestation.manifestCid);
        {
            uint256 lastNonce = _accounts[contributor].nonce;
            if (nonce <= lastNonce) revert StaleNonce(contributor, nonce, lastNonce);
            if (nonce - lastNonce > MAX_NONCE_STEP || nonce > MAX_NONCE) {
                revert NonceOutOfRange(nonce, lastNonce, MAX_NONCE_STEP, MAX_NONCE);
            }
        }
        (uint256 epoch, uint256 signerBits) = _verifySignatures(hashAttestation(attestation), signatures);
        (uint256 previousTokens, uint256 total) = _setTokens(contributor, attestation.tokens, nonce);
        _emitAttested(attestation, previousTokens, total, epoch, signerBits);
    }

    /// @dev A prefix and length check, not a parse: enough that an auditor can always read the
    /// manifest's CID from the event (an empty or malformed one would hide the count's justification).
    function _checkManifestCid(bytes calldata manifestCid) private pure {
        if (manifestCid.length != MANIFEST_CID_LENGTH) revert InvalidManifestCid(manifestCid);
        bytes4 prefix = bytes4(manifestCid[:4]);
        if (prefix != CID_V1_RAW_SHA256 && prefix != CID_V1_DAG_PB_SHA256) revert InvalidManifestCid(manifestCid);
    }

    function _emitAttested(
        Attestation calldata attestation,
        uint256 previousTokens,
        uint256 total,
        uint256 epoch,
        uint256 signerBits
    ) private {
        emit Attested(
            attestation.contributor,
            attestation.nonce,
            previousTokens,
            attestation.tokens,
            total,
            epoch,
            signerBits,
            attestation.manifestCid
        );
    }

    /// @dev Settles before the change: what was owed stays owed, exactly, under the new count.
    function _setTokens(address contributor, uint256 tokens, uint256 nonce)
        private
        returns (uint256 previousTokens, uint256 total)
    {
        Position memory position = _positions[contributor];
        previousTokens = position.tokens;
        uint256 others = _supply.totalTokens - previousTokens;
        if (tokens > MAX_TOTAL_TOKENS - others) revert TotalTokensAboveLimit(tokens, others, MAX_TOTAL_TOKENS);
        total = others + tokens;

        uint256 acc = _pool.rewardPerToken;
        uint256 owed = SplitMath.owedScaled(previousTokens, position.debt, acc);
        uint256 paid = SplitMath.claimed(_accounts[contributor].claimedOffset, position.debt);
        uint256 debt = SplitMath.debtFor(tokens, acc, owed);
        _positions[contributor] = Position(uint48(tokens), uint208(debt));
        _accounts[contributor] = Account(uint48(nonce), uint208(SplitMath.claimedOffset(paid, debt)));
        _supply.totalTokens = uint48(total);
    }

    /// @return epoch The committee that signed.
    /// @return signerBits Bit k set for the k-th signer of its list.
    function _verifySignatures(bytes32 digest, bytes calldata signatures)
        private
        view
        returns (uint256 epoch, uint256 signerBits)
    {
        Committee memory current = _committee;
        if (current.paused) revert AttestationsArePaused();
        if (signatures.length % _SIGNATURE_LENGTH != 0) revert InvalidSignaturesLength(signatures.length);
        uint256 count = signatures.length / _SIGNATURE_LENGTH;
        if (count < current.threshold) revert NotEnoughSignatures(count, current.threshold);
        epoch = current.epoch;
        address previous;
        for (uint256 i; i < count; ++i) {
            address signer =
                ECDSA.recoverCalldata(digest, signatures[i * _SIGNATURE_LENGTH:(i + 1) * _SIGNATURE_LENGTH]);
            if (signer <= previous) revert SignersNotInOrder(previous, signer);
            Member storage member = _members[signer];
            if (member.epoch != epoch) revert NotACommitteeSigner(signer, epoch);
            signerBits |= 1 << member.index;
            previous = signer;
        }
    }

    // ---------------------------------------------------------------- claims

    /// @inheritdoc IRevenueSplitter
    function claim(address to) external nonReentrant returns (uint256 amount) {
        amount = _claim(msg.sender, to);
    }

    /// @inheritdoc IRevenueSplitter
    function claimFor(address contributor) external nonReentrant returns (uint256 amount) {
        amount = _claim(contributor, contributor);
    }

    /// @inheritdoc IRevenueSplitter
    function claimWithSig(Claim calldata request, bytes calldata signature)
        external
        nonReentrant
        returns (uint256 amount)
    {
        address contributor = request.contributor;
        if (block.timestamp > request.deadline) revert ClaimExpired(request.deadline, block.timestamp);
        uint256 expected = _claimNonces[contributor];
        if (request.nonce != expected) revert InvalidClaimNonce(contributor, request.nonce, expected);
        if (!SignatureChecker.isValidSignatureNowCalldata(contributor, hashClaim(request), signature)) {
            revert InvalidClaimSignature(contributor);
        }
        _claimNonces[contributor] = expected + 1;
        amount = _claim(contributor, request.recipient);
    }

    /// @dev Touches two words (the contributor's position and the pool), each read once and written
    /// whole: a field-by-field update would read its word again.
    function _claim(address contributor, address to) private returns (uint256 amount) {
        if (to == address(0)) revert InvalidRecipient(to);
        Position storage position = _positions[contributor];
        Pool storage pool = _pool;
        (uint256 tokens, uint256 debt) = (position.tokens, position.debt);
        (uint256 acc, uint256 escrow) = (pool.rewardPerToken, pool.escrow);
        amount = SplitMath.owedScaled(tokens, debt, acc) >> SplitMath.PRECISION_BITS;
        if (amount == 0) revert NothingToClaim(contributor);
        (position.tokens, position.debt) = (uint48(tokens), uint208(SplitMath.debtAfterPayment(debt, amount)));
        // Cannot underflow: the owed amounts of all contributors sum to at most the escrow.
        unchecked {
            (pool.rewardPerToken, pool.escrow) = (uint168(acc), uint88(escrow - amount));
        }
        emit Claimed(contributor, to, amount);
        _ASSET.safeTransfer(to, amount);
    }

    // ---------------------------------------------------------------- committee and pause

    /// @inheritdoc IRevenueSplitter
    function proposeCommittee(address[] calldata signers, uint256 threshold) external onlyOwner {
        Proposal memory pending = _proposal;
        uint256 epoch = _committee.epoch + 1;
        if (pending.activatesAt != 0) emit CommitteeProposalCancelled(epoch, msg.sender);
        uint256 activatesAt = block.timestamp + _COMMITTEE_DELAY;
        _recordCommittee(signers, threshold, epoch, pending.id + 1);
        _proposal = Proposal(uint64(threshold), uint64(activatesAt), pending.id + 1);
        emit CommitteeProposed(epoch, signers, threshold, activatesAt);
    }

    /// @inheritdoc IRevenueSplitter
    function cancelCommitteeProposal() external onlyOwnerOrGuardian {
        if (_proposal.activatesAt == 0) revert NoCommitteeProposal();
        _proposal.activatesAt = 0;
        emit CommitteeProposalCancelled(_committee.epoch + 1, msg.sender);
    }

    /// @inheritdoc IRevenueSplitter
    function activateCommittee() external {
        Proposal memory pending = _proposal;
        if (pending.activatesAt == 0) revert NoCommitteeProposal();
        if (block.timestamp < pending.activatesAt) {
            revert CommitteeProposalNotReady(pending.activatesAt, block.timestamp);
        }
        _proposal.activatesAt = 0;
        _activateCommittee(_committee.epoch + 1, pending.threshold);
    }

    /// @inheritdoc IRevenueSplitter
    function pauseAttestations() external onlyOwnerOrGuardian {
        _committee.paused = true;
        emit AttestationsPaused(msg.sender);
    }

    /// @inheritdoc IRevenueSplitter
    function unpause() external onlyOwnerOrGuardian {
        _committee.paused = false;
        emit AttestationsUnpaused(msg.sender);
    }

    /// @dev Checks a committee list and stores it as `epoch`'s, marking its signers with `listId`
    /// (a signer marked twice is a duplicate).
    function _recordCommittee(address[] memory signers, uint256 threshold, uint256 epoch, uint64 listId) private {
        uint256 count = signers.length;
        if (count > MAX_SIGNERS) revert TooManySigners(count, MAX_SIGNERS);
        if (threshold == 0 || threshold > count) revert InvalidThreshold(threshold, count);
        for (uint256 i; i < count; ++i) {
            address signer = signers[i];
            if (signer == address(0)) revert InvalidSigner(signer);
            Member storage member = _members[signer];
            if (member.list == listId) revert DuplicateSigner(signer);
            member.list = listId;
        }
        _committeeSigners[epoch] = signers;
    }

    function _activateCommittee(uint256 epoch, uint256 threshold) private {
        address[] storage signers = _committeeSigners[epoch];
        uint256 count = signers.length;
        for (uint256 i; i < count; ++i) {
            Member storage member = _members[signers[i]];
            member.epoch = uint64(epoch);
            member.index = uint8(i);
        }
        _committee = Committee(uint64(epoch), uint64(threshold), _committee.paused);
        emit CommitteeChanged(epoch, signers, threshold);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IRevenueSplitter
    function asset() external view returns (IERC20) {
        return _ASSET;
    }

    /// @inheritdoc IRevenueSplitter
    function alphaBps() external view returns (uint256) {
        return _ALPHA_BPS;
    }

    /// @inheritdoc IRevenueSplitter
    function amountForRevenue(uint256 gross) external view returns (uint256) {
        return _amountForRevenue(gross);
    }

    /// @inheritdoc IRevenueSplitter
    function tokensOf(address contributor) external view returns (uint256) {
        return _positions[contributor].tokens;
    }

    /// @inheritdoc IRevenueSplitter
    function totalTokens() external view returns (uint256) {
        return _supply.totalTokens;
    }

    /// @inheritdoc IRevenueSplitter
    function shareOf(address contributor) external view returns (uint256 tokens, uint256 total) {
        return (_positions[contributor].tokens, _supply.totalTokens);
    }

    /// @inheritdoc IRevenueSplitter
    function claimable(address contributor) external view returns (uint256) {
        Position memory position = _positions[contributor];
        return SplitMath.owedScaled(position.tokens, position.debt, _pool.rewardPerToken) >> SplitMath.PRECISION_BITS;
    }

    /// @inheritdoc IRevenueSplitter
    function claimed(address contributor) external view returns (uint256) {
        return SplitMath.claimed(_accounts[contributor].claimedOffset, _positions[contributor].debt);
    }

    /// @inheritdoc IRevenueSplitter
    function nonceOf(address contributor) external view returns (uint256) {
        return _accounts[contributor].nonce;
    }

    /// @inheritdoc IRevenueSplitter
    function claimNonceOf(address contributor) external view returns (uint256) {
        return _claimNonces[contributor];
    }

    /// @inheritdoc IRevenueSplitter
    function totalGrossRevenue() external view returns (uint256) {
        return _totals.gross;
    }

    /// @inheritdoc IRevenueSplitter
    function totalDeposited() external view returns (uint256) {
        return _totals.deposited;
    }

    /// @inheritdoc IRevenueSplitter
    function totalClaimed() external view returns (uint256) {
        return _totals.deposited - _pool.escrow;
    }

    /// @inheritdoc IRevenueSplitter
    function held() external view returns (uint256) {
        return _supply.undistributed >> SplitMath.PRECISION_BITS;
    }

    /// @inheritdoc IRevenueSplitter
    function surplus() external view returns (uint256) {
        uint256 balance = _ASSET.balanceOf(address(this));
        uint256 escrow = _pool.escrow;
        return balance > escrow ? balance - escrow : 0;
    }

    /// @inheritdoc IRevenueSplitter
    function rewardPerToken() external view returns (uint256) {
        return _pool.rewardPerToken;
    }

    /// @inheritdoc IRevenueSplitter
    function committee() external view returns (address[] memory signers, uint256 threshold, uint256 epoch) {
        Committee memory current = _committee;
        return (_committeeSigners[current.epoch], current.threshold, current.epoch);
    }

    /// @inheritdoc IRevenueSplitter
    function isCommitteeSigner(address signer) external view returns (bool) {
        return _members[signer].epoch == _committee.epoch;
    }

    /// @inheritdoc IRevenueSplitter
    function pendingCommittee()
        external
        view
        returns (address[] memory signers, uint256 threshold, uint256 activatesAt)
    {
        Proposal memory pending = _proposal;
        if (pending.activatesAt == 0) return (signers, 0, 0);
        return (_committeeSigners[_committee.epoch + 1], pending.threshold, pending.activatesAt);
    }

    /// @inheritdoc IRevenueSplitter
    function committeeDelay() external view returns (uint256) {
        return _COMMITTEE_DELAY;
    }

    /// @inheritdoc IRevenueSplitter
    function guardian() external view returns (address) {
        return _GUARDIAN;
    }

    /// @inheritdoc IRevenueSplitter
    function attestationsPaused() external view returns (bool) {
        return _committee.paused;
    }

    /// @inheritdoc IRevenueSplitter
    function hashAttestation(Attestation calldata attestation) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    ATTESTATION_TYPEHASH,
                    attestation.contributor,
                    attestation.tokens,
                    attestation.nonce,
                    attestation.deadline,
                    keccak256(attestation.manifestCid)
                )
            )
        );
    }

    /// @inheritdoc IRevenueSplitter
    function hashClaim(Claim calldata request) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(abi.encode(CLAIM_TYPEHASH, request.contributor, request.recipient, request.nonce, request.deadline))
        );
    }

    function _amountForRevenue(uint256 gross) private view returns (uint256) {
        return Math.mulDiv(gross, _ALPHA_BPS, _BPS);
    }
}
