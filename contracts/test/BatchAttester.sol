// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IRevenueSplitter} from "../IRevenueSplitter.sol";

/// @title BatchAttester
/// @notice BENCHMARK HELPER, not part of the product: submits many real, committee-signed
/// attestations in one transaction, so the gas benchmark can register 10,000 contributors quickly.
contract BatchAttester {
    /// @notice Calls `splitter.attest(attestations[i], signatures[i])` for every i.
    function attestAll(
        IRevenueSplitter splitter,
        IRevenueSplitter.Attestation[] calldata attestations,
        bytes[] calldata signatures
    ) external {
        for (uint256 i; i < attestations.length; ++i) {
            splitter.attest(attestations[i], signatures[i]);
        }
    }
}
