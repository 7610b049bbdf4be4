// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title ReentrantToken
/// @notice TEST DOUBLE, used only by attack tests: a token that, on its next transfer, calls
/// `target` with `data` (e.g. the splitter's claim) before moving the balance, like a token with
/// transfer hooks in the hands of an attacker. A failing call makes the transfer fail.
contract ReentrantToken is ERC20 {
    address public hookTarget;
    bytes public hookData;

    /// @notice The call failed; carries its revert data.
    error ReentryFailed(bytes reason);

    constructor() ERC20("Reentrant Token", "REENT") {}

    /// @notice Mints `amount` to `to` (test token).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Arms the hook: the next transfer calls `target_` with `data_`.
    function arm(address target_, bytes calldata data_) external {
        hookTarget = target_;
        hookData = data_;
    }

    function _update(address from, address to, uint256 value) internal override {
        address callee = hookTarget;
        if (callee != address(0)) {
            hookTarget = address(0);
            (bool ok, bytes memory reason) = callee.call(hookData);
            if (!ok) revert ReentryFailed(reason);
        }
        super._update(from, to, value);
    }
}
