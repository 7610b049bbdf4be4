// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice The few Foundry-compatible cheatcodes the Solidity tests use (forge-std cannot be
/// installed offline), at the standard cheatcode address.
interface Vm {
    function prank(address sender) external;
    function warp(uint256 timestamp) external;
    function addr(uint256 privateKey) external pure returns (address);
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
    function expectRevert(bytes calldata revertData) external;
}

abstract contract Cheats {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @dev Maps any x into [min, max] (both included), keeping small values small.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        uint256 size = max - min;
        if (size == type(uint256).max) return x;
        return min + (x % (size + 1));
    }
}
