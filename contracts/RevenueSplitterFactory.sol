// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {RevenueSplitter} from "./RevenueSplitter.sol";

/// @title RevenueSplitterFactory
/// @notice Creates revenue programs (one RevenueSplitter each) in one transaction and keeps the
/// list, so that frontends and auditors can find every program and tell a genuine one from a copy.
contract RevenueSplitterFactory {
    /// @notice A program was created.
    /// @param program The new RevenueSplitter.
    /// @param asset The ERC-20 it pays in.
    /// @param owner Who may propose committees and pause attestations.
    /// @param alphaBps α in basis points.
    /// @param signers The initial oracle committee.
    /// @param threshold Signatures needed per attestation.
    /// @param guardian Who else may pause attestations and cancel committee proposals (zero: nobody).
    /// @param committeeDelay Seconds between a committee proposal and its activation.
    /// @param creator Who called the factory.
    /// @param index Position of the program in {programAt}.
    event ProgramCreated(
        address indexed program,
        address indexed asset,
        address indexed owner,
        uint256 alphaBps,
        address[] signers,
        uint256 threshold,
        address guardian,
        uint256 committeeDelay,
        address creator,
        uint256 index
    );

    /// @notice Committee delay of {createProgram}: long enough for contributors and the guardian
    /// to notice a proposal and react.
    uint256 public constant DEFAULT_COMMITTEE_DELAY = 2 days;

    address[] private _programs;

    /// @notice Whether `program` was created by this factory.
    mapping(address program => bool) public isProgram;

    /// @notice Creates a program with no guardian and the default committee delay; reverts with
    /// RevenueSplitter's errors on invalid parameters.
    /// @param asset The ERC-20 revenue is paid in.
    /// @param alphaBps α in basis points, 1..10000.
    /// @param signers The initial oracle committee.
    /// @param threshold Signatures needed per attestation.
    /// @param owner Who may propose committees and pause attestations.
    /// @return program The new RevenueSplitter.
    function createProgram(
        IERC20 asset,
        uint256 alphaBps,
        address[] calldata signers,
        uint256 threshold,
        address owner
    ) external returns (RevenueSplitter program) {
        program = _create(asset, alphaBps, signers, threshold, owner, address(0), DEFAULT_COMMITTEE_DELAY);
    }

    /// @notice {createProgram} with a guardian and a committee delay of the creator's choice.
    /// @param guardian Who else may pause attestations and cancel committee proposals (zero: nobody).
    /// @param committeeDelay Seconds between a committee proposal and its activation (at most
    /// RevenueSplitter.MAX_COMMITTEE_DELAY).
    function createProgramWithOptions(
        IERC20 asset,
        uint256 alphaBps,
        address[] calldata signers,
        uint256 threshold,
        address owner,
        address guardian,
        uint256 committeeDelay
    ) external returns (RevenueSplitter program) {
        program = _create(asset, alphaBps, signers, threshold, owner, guardian, committeeDelay);
    }

    function _create(
        IERC20 asset,
        uint256 alphaBps,
        address[] calldata signers,
        uint256 threshold,
        address owner,
        address guardian,
        uint256 committeeDelay
    ) private returns (RevenueSplitter program) {
        program = new RevenueSplitter(asset, alphaBps, signers, threshold, owner, guardian, committeeDelay);
        isProgram[address(program)] = true;
        _programs.push(address(program));
        emit ProgramCreated(
            address(program),
            address(asset),
            owner,
            alphaBps,
            signers,
            threshold,
            guardian,
            committeeDelay,
            msg.sender,
            _programs.length - 1
        );
    }

    /// @notice Number of programs created.
    function programCount() external view returns (uint256) {
        return _programs.length;
    }

    /// @notice The `index`-th program created (0-based).
    function programAt(uint256 index) external view returns (address) {
        return _programs[index];
    }

    /// @notice Up to `limit` programs starting at `start`, for paging through the list (any
    /// `start` and `limit`, however large, give a page, empty past the end).
    function programs(uint256 start, uint256 limit) external view returns (address[] memory page) {
        uint256 total = _programs.length;
        if (start >= total) return page;
        // total - start cannot underflow here, and comparing with it cannot overflow as start + limit could.
        uint256 end = limit > total - start ? total : start + limit;
        page = new address[](end - start);
        for (uint256 i = start; i < end; ++i) {
            page[i - start] = _programs[i];
        }
    }
}
