// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

import {IRevenueSplitter} from "./IRevenueSplitter.sol";

/// @title ReaderKeyRegistry
/// @notice Where the reader public keys of every revenue program are published, one registry per
/// chain. A reader key is an X25519 public key (32 bytes); the oracle wraps each submission's data
/// key for it, so whoever holds the private key can decrypt the submission.
/// - A program's consumers and auditors: set by the program's owner (`Ownable(program).owner()`,
///   the RevenueSplitter's owner), both lists replaced at once.
/// - A committee member's key: published by the member's signer key itself, directly or through
///   anyone relaying an EIP-712 signature (committee signer keys are hot keys that may hold no
///   ETH). Keys are stored per (program, signer) for any signer, so a member-to-be can publish
///   before the owner adds it; readers look up the current members only ({readers} does so).
/// @dev The oracle reads {readers} when it seals each submission, so a key published or replaced
/// here applies from the next submission on; envelopes already written keep the keys they list.
/// Only the zero key is refused on chain (the oracle also refuses the other low-order X25519
/// points before wrapping).
contract ReaderKeyRegistry is EIP712, Nonces {
    /// @notice EIP-712 type hash of a member's signed publication.
    bytes32 public constant MEMBER_READER_KEY_TYPEHASH =
        keccak256("MemberReaderKey(address program,address signer,bytes32 key,uint256 nonce,uint256 deadline)");
    /// @notice Most keys in each of a program's lists (consumers, auditors).
    uint256 public constant MAX_READERS = 16;

    /// @dev A program's readers other than its contributors and committee.
    struct ProgramReaders {
        bytes32[] consumers;
        bytes32[] auditors;
    }

    mapping(address program => ProgramReaders) private _programReaders;
    mapping(address program => mapping(address signer => bytes32 key)) private _memberKeys;

    /// @notice The program's owner replaced the program's consumer and auditor keys.
    /// @param program The RevenueSplitter.
    /// @param consumers The consumers' reader keys now in force.
    /// @param auditors The auditors' reader keys now in force.
    event ProgramReadersSet(address indexed program, bytes32[] consumers, bytes32[] auditors);

    /// @notice `signer` published `key` as its reader key for `program`.
    /// @param program The RevenueSplitter.
    /// @param signer The committee signer address the key belongs to.
    /// @param key The reader key now in force for this signer.
    /// @param nonce The signer's nonce this publication used (every publication uses one).
    event MemberReaderKeySet(address indexed program, address indexed signer, bytes32 key, uint256 nonce);

    /// @notice `caller` is not the owner of `program`.
    error NotProgramOwner(address program, address caller);
    /// @notice `program` has no `owner()` to ask (not a contract, or not an Ownable one).
    error NotAProgram(address program);
    /// @notice A list holds `count` keys; at most `max` are allowed.
    error TooManyReaderKeys(uint256 count, uint256 max);
    /// @notice A reader key is zero (no X25519 key can receive a wrapped key there).
    error ZeroReaderKey();
    /// @notice The same key is listed twice in one list.
    error DuplicateReaderKey(bytes32 key);
    /// @notice The signed publication's deadline has passed.
    error SignatureExpired(uint256 deadline, uint256 timestamp);
    /// @notice The signature was made by `recovered`, not by `signer`.
    error SignerMismatch(address signer, address recovered);

    constructor() EIP712("1TT ReaderKeyRegistry", "1") {}

    // ---------------------------------------------------------------- program readers

    /// @notice Replaces `program`'s consumer and auditor reader keys (its owner only). Empty lists
    /// remove every key of that role.
    /// @param program The RevenueSplitter whose owner calls.
    /// @param consumers The consumers' reader keys: at most MAX_READERS, none zero, none twice.
    /// @param auditors The auditors' reader keys, under the same rules.
    function setProgramReaders(address program, bytes32[] calldata consumers, bytes32[] calldata auditors) external {
        address owner = _ownerOf(program);
        if (msg.sender != owner) revert NotProgramOwner(program, msg.sender);
        _checkList(consumers);
        _checkList(auditors);
        ProgramReaders storage readers_ = _programReaders[program];
        readers_.consumers = consumers;
        readers_.auditors = auditors;
        emit ProgramReadersSet(program, consumers, auditors);
    }

    // ---------------------------------------------------------------- member keys

    /// @notice Publishes the caller's reader key for `program`, beside its signer address. Uses the
    /// caller's next nonce, so a signed publication not yet relayed can no longer be.
    /// @param program The RevenueSplitter (any address: nothing about it is checked).
    /// @param key The caller's X25519 reader public key (not zero).
    function setMemberReaderKey(address program, bytes32 key) external {
        if (key == bytes32(0)) revert ZeroReaderKey();
        _setMemberKey(program, msg.sender, key, _useNonce(msg.sender));
    }

    /// @notice Publishes `signer`'s reader key for `program` on its EIP-712 signature; anyone may
    /// relay it. The signature is good once (`nonce` must be the signer's next nonce, see
    /// {nonces}) and until `deadline`.
    /// @param program The RevenueSplitter.
    /// @param signer The committee signer address that signed.
    /// @param key Its X25519 reader public key (not zero).
    /// @param nonce The signer's current nonce ({nonces}).
    /// @param deadline Unix time after which the signature is refused.
    /// @param signature 65 bytes (r, s, v) over {hashMemberReaderKey}.
    function setMemberReaderKeyBySig(
        address program,
        address signer,
        bytes32 key,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external {
        if (block.timestamp > deadline) revert SignatureExpired(deadline, block.timestamp);
        if (key == bytes32(0)) revert ZeroReaderKey();
        address recovered =
            ECDSA.recoverCalldata(hashMemberReaderKey(program, signer, key, nonce, deadline), signature);
        if (recovered != signer) revert SignerMismatch(signer, recovered);
        _useCheckedNonce(signer, nonce);
        _setMemberKey(program, signer, key, nonce);
    }

    function _setMemberKey(address program, address signer, bytes32 key, uint256 nonce) private {
        _memberKeys[program][signer] = key;
        emit MemberReaderKeySet(program, signer, key, nonce);
    }

    // ---------------------------------------------------------------- views

    /// @notice `program`'s consumer and auditor reader keys.
    /// @param program The RevenueSplitter.
    /// @return consumers The consumers' keys, in the order the owner set them.
    /// @return auditors The auditors' keys, in the order the owner set them.
    function programReaders(address program)
        external
        view
        returns (bytes32[] memory consumers, bytes32[] memory auditors)
    {
        ProgramReaders storage readers_ = _programReaders[program];
        return (readers_.consumers, readers_.auditors);
    }

    /// @notice The reader key `signer` published for `program` (zero when none).
    /// @param program The RevenueSplitter.
    /// @param signer A committee signer address.
    /// @return key Its reader key, or zero.
    function memberReaderKey(address program, address signer) external view returns (bytes32 key) {
        return _memberKeys[program][signer];
    }

    /// @notice The reader keys of several signers for `program` (zero for those that published none).
    /// @param program The RevenueSplitter.
    /// @param signers Committee signer addresses.
    /// @return keys Their reader keys, in the same order.
    function memberReaderKeys(address program, address[] calldata signers)
        external
        view
        returns (bytes32[] memory keys)
    {
        keys = new bytes32[](signers.length);
        for (uint256 i; i < signers.length; ++i) {
            keys[i] = _memberKeys[program][signers[i]];
        }
    }

    /// @notice Every reader of `program` in one call: its consumer and auditor keys, and its
    /// current committee (`IRevenueSplitter(program).committee()`) with each member's key.
    /// @param program A RevenueSplitter (reverts for an address without `committee()`).
    /// @return consumers The consumers' keys.
    /// @return auditors The auditors' keys.
    /// @return members The current committee's signer addresses.
    /// @return memberKeys Their reader keys, in the same order (zero for those that published none).
    function readers(address program)
        external
        view
        returns (
            bytes32[] memory consumers,
            bytes32[] memory auditors,
            address[] memory members,
            bytes32[] memory memberKeys
        )
    {
        ProgramReaders storage readers_ = _programReaders[program];
        (members,,) = IRevenueSplitter(program).committee();
        memberKeys = new bytes32[](members.length);
        for (uint256 i; i < members.length; ++i) {
            memberKeys[i] = _memberKeys[program][members[i]];
        }
        return (readers_.consumers, readers_.auditors, members, memberKeys);
    }

    /// @notice The EIP-712 digest a signer signs to publish `key` for `program`.
    /// @param program The RevenueSplitter.
    /// @param signer The committee signer address.
    /// @param key The reader public key.
    /// @param nonce The signer's nonce.
    /// @param deadline Unix time after which the signature is refused.
    /// @return The digest (domain "1TT ReaderKeyRegistry", version "1", this chain and registry).
    function hashMemberReaderKey(address program, address signer, bytes32 key, uint256 nonce, uint256 deadline)
        public
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(
            keccak256(abi.encode(MEMBER_READER_KEY_TYPEHASH, program, signer, key, nonce, deadline))
        );
    }

    // ---------------------------------------------------------------- checks

    /// @dev The program's owner, read with a low-level call so that an address without `owner()`
    /// gives NotAProgram instead of an empty revert.
    function _ownerOf(address program) private view returns (address) {
        (bool ok, bytes memory data) = program.staticcall(abi.encodeCall(Ownable.owner, ()));
        if (!ok || data.length != 32) revert NotAProgram(program);
        return abi.decode(data, (address));
    }

    function _checkList(bytes32[] calldata keys) private pure {
        uint256 count = keys.length;
        if (count > MAX_READERS) revert TooManyReaderKeys(count, MAX_READERS);
        for (uint256 i; i < count; ++i) {
            bytes32 key = keys[i];
            if (key == bytes32(0)) revert ZeroReaderKey();
            for (uint256 j; j < i; ++j) {
                if (keys[j] == key) revert DuplicateReaderKey(key);
            }
        }
    }
}
