// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";

/// @title SafeStyleWallet
/// @notice TEST DOUBLE: an m-of-n multisig contract wallet that answers ERC-1271 the way a Safe
/// does, so the tests can show that a program pays a Safe as a contributor. A message is valid
/// when at least `threshold` owners signed the wallet's own EIP-712 wrapping of the hash
/// (SafeMessage(bytes message), domain {chainId, verifyingContract}), signatures concatenated in
/// strictly increasing owner order. It can also make calls approved by the same rule.
contract SafeStyleWallet is IERC1271 {
    bytes32 private constant _DOMAIN_TYPEHASH = keccak256("EIP712Domain(uint256 chainId,address verifyingContract)");
    bytes32 private constant _SAFE_MSG_TYPEHASH = keccak256("SafeMessage(bytes message)");

    mapping(address owner => bool) public isOwner;
    uint256 public immutable threshold;

    constructor(address[] memory owners, uint256 threshold_) {
        for (uint256 i; i < owners.length; ++i) isOwner[owners[i]] = true;
        threshold = threshold_;
    }

    /// @notice The digest owners sign to approve `hash` for this wallet.
    function getMessageHash(bytes32 hash) public view returns (bytes32) {
        bytes32 domain = keccak256(abi.encode(_DOMAIN_TYPEHASH, block.chainid, address(this)));
        bytes32 message = keccak256(abi.encode(_SAFE_MSG_TYPEHASH, keccak256(abi.encode(hash))));
        return keccak256(abi.encodePacked(bytes1(0x19), bytes1(0x01), domain, message));
    }

    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes calldata signatures) external view returns (bytes4) {
        return _approved(getMessageHash(hash), signatures) ? this.isValidSignature.selector : bytes4(0xffffffff);
    }

    function _approved(bytes32 digest, bytes calldata signatures) private view returns (bool) {
        if (signatures.length != threshold * 65) return false;
        address previous;
        for (uint256 i; i < threshold; ++i) {
            (address owner, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signatures[i * 65:(i + 1) * 65]);
            if (err != ECDSA.RecoverError.NoError || owner <= previous || !isOwner[owner]) return false;
            previous = owner;
        }
        return true;
    }
}
