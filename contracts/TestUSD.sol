// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title TestUSD
/// @notice A 6-decimal stand-in for a stablecoin, with EIP-2612 permit, for LOCAL NETWORKS AND
/// TESTS ONLY: anyone can mint any amount. Never deploy it where it could be mistaken for money.
contract TestUSD is ERC20, ERC20Permit {
    constructor() ERC20("Test USD", "tUSD") ERC20Permit("Test USD") {}

    /// @notice Mints `amount` units to `to` (open to anyone: a test token).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice 6 decimals, like common stablecoins.
    function decimals() public pure override returns (uint8) {
        return 6;
    }
}
