// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Multicall3's aggregate3, for local chains
/// @notice Public networks have Multicall3 at 0xcA11bde05977b3631167028862bE2a173976CA11; a local
/// test chain gets this same-ABI aggregator placed at that address (hardhat_setCode), so batched
/// view reads (the audit's) behave as they do in production. Test and benchmark use only.
contract Multicall3 {
    struct Call3 {
        address target;
        bool allowFailure;
        bytes callData;
    }

    struct Result {
        bool success;
        bytes returnData;
    }

    /// @notice A call that was not allowed to fail failed.
    /// @param index Its position in the batch.
    error CallFailed(uint256 index);

    /// @notice Makes every call in order and returns each one's outcome.
    /// @param calls The calls, each with whether it may fail.
    /// @return results Success and return data of each call.
    function aggregate3(Call3[] calldata calls) external payable returns (Result[] memory results) {
        results = new Result[](calls.length);
        for (uint256 i = 0; i < calls.length; i++) {
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory data) = calls[i].target.call(calls[i].callData);
            if (!ok && !calls[i].allowFailure) revert CallFailed(i);
            results[i] = Result(ok, data);
        }
    }
}
