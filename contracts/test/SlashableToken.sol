// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title SlashableToken
/// @notice TEST DOUBLE, used only by the audit's tests: an ERC-20 whose issuer can take units
/// out of any holder's balance (like a token with a blacklist-and-burn or clawback power). Used to
/// make a splitter insolvent without any call to the splitter, so the audit's solvency check
/// has something real to catch.
contract SlashableToken is ERC20 {
    constructor() ERC20("Slashable Token", "SLASH") {}

    /// @notice Mints `amount` to `to` (test token).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Burns `amount` of `holder`'s balance without its consent.
    function slash(address holder, uint256 amount) external {
        _burn(holder, amount);
    }
}
