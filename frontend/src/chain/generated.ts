import {
  createUseReadContract,
  createUseWriteContract,
  createUseSimulateContract,
  createUseWatchContractEvent,
} from 'wagmi/codegen'

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// ReaderKeyRegistry
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const readerKeyRegistryAbi = [
  { type: 'constructor', inputs: [], stateMutability: 'nonpayable' },
  {
    type: 'error',
    inputs: [{ name: 'key', internalType: 'bytes32', type: 'bytes32' }],
    name: 'DuplicateReaderKey',
  },
  { type: 'error', inputs: [], name: 'ECDSAInvalidSignature' },
  {
    type: 'error',
    inputs: [{ name: 'length', internalType: 'uint256', type: 'uint256' }],
    name: 'ECDSAInvalidSignatureLength',
  },
  {
    type: 'error',
    inputs: [{ name: 's', internalType: 'bytes32', type: 'bytes32' }],
    name: 'ECDSAInvalidSignatureS',
  },
  {
    type: 'error',
    inputs: [
      { name: 'account', internalType: 'address', type: 'address' },
      { name: 'currentNonce', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'InvalidAccountNonce',
  },
  { type: 'error', inputs: [], name: 'InvalidShortString' },
  {
    type: 'error',
    inputs: [{ name: 'program', internalType: 'address', type: 'address' }],
    name: 'NotAProgram',
  },
  {
    type: 'error',
    inputs: [
      { name: 'program', internalType: 'address', type: 'address' },
      { name: 'caller', internalType: 'address', type: 'address' },
    ],
    name: 'NotProgramOwner',
  },
  {
    type: 'error',
    inputs: [
      { name: 'deadline', internalType: 'uint256', type: 'uint256' },
      { name: 'timestamp', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SignatureExpired',
  },
  {
    type: 'error',
    inputs: [
      { name: 'signer', internalType: 'address', type: 'address' },
      { name: 'recovered', internalType: 'address', type: 'address' },
    ],
    name: 'SignerMismatch',
  },
  {
    type: 'error',
    inputs: [{ name: 'str', internalType: 'string', type: 'string' }],
    name: 'StringTooLong',
  },
  {
    type: 'error',
    inputs: [
      { name: 'count', internalType: 'uint256', type: 'uint256' },
      { name: 'max', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'TooManyReaderKeys',
  },
  { type: 'error', inputs: [], name: 'ZeroReaderKey' },
  { type: 'event', anonymous: false, inputs: [], name: 'EIP712DomainChanged' },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'program',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'signer',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'key', internalType: 'bytes32', type: 'bytes32', indexed: false },
      {
        name: 'nonce',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'MemberReaderKeySet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'program',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'consumers',
        internalType: 'bytes32[]',
        type: 'bytes32[]',
        indexed: false,
      },
      {
        name: 'auditors',
        internalType: 'bytes32[]',
        type: 'bytes32[]',
        indexed: false,
      },
    ],
    name: 'ProgramReadersSet',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_READERS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MEMBER_READER_KEY_TYPEHASH',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'eip712Domain',
    outputs: [
      { name: 'fields', internalType: 'bytes1', type: 'bytes1' },
      { name: 'name', internalType: 'string', type: 'string' },
      { name: 'version', internalType: 'string', type: 'string' },
      { name: 'chainId', internalType: 'uint256', type: 'uint256' },
      { name: 'verifyingContract', internalType: 'address', type: 'address' },
      { name: 'salt', internalType: 'bytes32', type: 'bytes32' },
      { name: 'extensions', internalType: 'uint256[]', type: 'uint256[]' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'program', internalType: 'address', type: 'address' },
      { name: 'signer', internalType: 'address', type: 'address' },
      { name: 'key', internalType: 'bytes32', type: 'bytes32' },
      { name: 'nonce', internalType: 'uint256', type: 'uint256' },
      { name: 'deadline', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'hashMemberReaderKey',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'program', internalType: 'address', type: 'address' },
      { name: 'signer', internalType: 'address', type: 'address' },
    ],
    name: 'memberReaderKey',
    outputs: [{ name: 'key', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'program', internalType: 'address', type: 'address' },
      { name: 'signers', internalType: 'address[]', type: 'address[]' },
    ],
    name: 'memberReaderKeys',
    outputs: [{ name: 'keys', internalType: 'bytes32[]', type: 'bytes32[]' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'nonces',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'program', internalType: 'address', type: 'address' }],
    name: 'programReaders',
    outputs: [
      { name: 'consumers', internalType: 'bytes32[]', type: 'bytes32[]' },
      { name: 'auditors', internalType: 'bytes32[]', type: 'bytes32[]' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'program', internalType: 'address', type: 'address' }],
    name: 'readers',
    outputs: [
      { name: 'consumers', internalType: 'bytes32[]', type: 'bytes32[]' },
      { name: 'auditors', internalType: 'bytes32[]', type: 'bytes32[]' },
      { name: 'members', internalType: 'address[]', type: 'address[]' },
      { name: 'memberKeys', internalType: 'bytes32[]', type: 'bytes32[]' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'program', internalType: 'address', type: 'address' },
      { name: 'key', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'setMemberReaderKey',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'program', internalType: 'address', type: 'address' },
      { name: 'signer', internalType: 'address', type: 'address' },
      { name: 'key', internalType: 'bytes32', type: 'bytes32' },
      { name: 'nonce', internalType: 'uint256', type: 'uint256' },
      { name: 'deadline', internalType: 'uint256', type: 'uint256' },
      { name: 'signature', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'setMemberReaderKeyBySig',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'program', internalType: 'address', type: 'address' },
      { name: 'consumers', internalType: 'bytes32[]', type: 'bytes32[]' },
      { name: 'auditors', internalType: 'bytes32[]', type: 'bytes32[]' },
    ],
    name: 'setProgramReaders',
    outputs: [],
    stateMutability: 'nonpayable',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// RevenueSplitter
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const revenueSplitterAbi = [
  {
    type: 'constructor',
    inputs: [
      { name: 'asset_', internalType: 'contract IERC20', type: 'address' },
      { name: 'alphaBps_', internalType: 'uint256', type: 'uint256' },
      { name: 'signers', internalType: 'address[]', type: 'address[]' },
      { name: 'threshold', internalType: 'uint256', type: 'uint256' },
      { name: 'owner_', internalType: 'address', type: 'address' },
      { name: 'guardian_', internalType: 'address', type: 'address' },
      { name: 'committeeDelay_', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'error',
    inputs: [
      { name: 'requested', internalType: 'uint256', type: 'uint256' },
      { name: 'received', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'AmountReceivedMismatch',
  },
  {
    type: 'error',
    inputs: [
      { name: 'deadline', internalType: 'uint256', type: 'uint256' },
      { name: 'timestamp', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'AttestationExpired',
  },
  { type: 'error', inputs: [], name: 'AttestationsArePaused' },
  {
    type: 'error',
    inputs: [
      { name: 'deadline', internalType: 'uint256', type: 'uint256' },
      { name: 'timestamp', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ClaimExpired',
  },
  {
    type: 'error',
    inputs: [
      { name: 'activatesAt', internalType: 'uint256', type: 'uint256' },
      { name: 'timestamp', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'CommitteeProposalNotReady',
  },
  {
    type: 'error',
    inputs: [{ name: 'signer', internalType: 'address', type: 'address' }],
    name: 'DuplicateSigner',
  },
  { type: 'error', inputs: [], name: 'ECDSAInvalidSignature' },
  {
    type: 'error',
    inputs: [{ name: 'length', internalType: 'uint256', type: 'uint256' }],
    name: 'ECDSAInvalidSignatureLength',
  },
  {
    type: 'error',
    inputs: [{ name: 's', internalType: 'bytes32', type: 'bytes32' }],
    name: 'ECDSAInvalidSignatureS',
  },
  {
    type: 'error',
    inputs: [
      { name: 'escrow', internalType: 'uint256', type: 'uint256' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'limit', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'EscrowLimitExceeded',
  },
  {
    type: 'error',
    inputs: [{ name: 'alphaBps', internalType: 'uint256', type: 'uint256' }],
    name: 'InvalidAlpha',
  },
  {
    type: 'error',
    inputs: [{ name: 'asset', internalType: 'address', type: 'address' }],
    name: 'InvalidAsset',
  },
  {
    type: 'error',
    inputs: [
      { name: 'contributor', internalType: 'address', type: 'address' },
      { name: 'nonce', internalType: 'uint256', type: 'uint256' },
      { name: 'expected', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'InvalidClaimNonce',
  },
  {
    type: 'error',
    inputs: [{ name: 'contributor', internalType: 'address', type: 'address' }],
    name: 'InvalidClaimSignature',
  },
  {
    type: 'error',
    inputs: [
      { name: 'delay', internalType: 'uint256', type: 'uint256' },
      { name: 'max', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'InvalidCommitteeDelay',
  },
  {
    type: 'error',
    inputs: [{ name: 'contributor', internalType: 'address', type: 'address' }],
    name: 'InvalidContributor',
  },
  {
    type: 'error',
    inputs: [{ name: 'manifestCid', internalType: 'bytes', type: 'bytes' }],
    name: 'InvalidManifestCid',
  },
  {
    type: 'error',
    inputs: [{ name: 'to', internalType: 'address', type: 'address' }],
    name: 'InvalidRecipient',
  },
  { type: 'error', inputs: [], name: 'InvalidShortString' },
  {
    type: 'error',
    inputs: [{ name: 'length', internalType: 'uint256', type: 'uint256' }],
    name: 'InvalidSignaturesLength',
  },
  {
    type: 'error',
    inputs: [{ name: 'signer', internalType: 'address', type: 'address' }],
    name: 'InvalidSigner',
  },
  {
    type: 'error',
    inputs: [
      { name: 'threshold', internalType: 'uint256', type: 'uint256' },
      { name: 'signerCount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'InvalidThreshold',
  },
  { type: 'error', inputs: [], name: 'NoCommitteeProposal' },
  {
    type: 'error',
    inputs: [
      { name: 'balance', internalType: 'uint256', type: 'uint256' },
      { name: 'escrow', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'NoSurplus',
  },
  {
    type: 'error',
    inputs: [
      { name: 'nonce', internalType: 'uint256', type: 'uint256' },
      { name: 'lastNonce', internalType: 'uint256', type: 'uint256' },
      { name: 'maxStep', internalType: 'uint256', type: 'uint256' },
      { name: 'maxNonce', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'NonceOutOfRange',
  },
  {
    type: 'error',
    inputs: [
      { name: 'signer', internalType: 'address', type: 'address' },
      { name: 'epoch', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'NotACommitteeSigner',
  },
  {
    type: 'error',
    inputs: [
      { name: 'count', internalType: 'uint256', type: 'uint256' },
      { name: 'threshold', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'NotEnoughSignatures',
  },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'NotOwnerOrGuardian',
  },
  {
    type: 'error',
    inputs: [{ name: 'contributor', internalType: 'address', type: 'address' }],
    name: 'NothingToClaim',
  },
  {
    type: 'error',
    inputs: [{ name: 'gross', internalType: 'uint256', type: 'uint256' }],
    name: 'NothingToDeposit',
  },
  {
    type: 'error',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'OwnableInvalidOwner',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'OwnableUnauthorizedAccount',
  },
  { type: 'error', inputs: [], name: 'ReentrancyGuardReentrantCall' },
  {
    type: 'error',
    inputs: [
      { name: 'bits', internalType: 'uint8', type: 'uint8' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SafeCastOverflowedUintDowncast',
  },
  {
    type: 'error',
    inputs: [{ name: 'token', internalType: 'address', type: 'address' }],
    name: 'SafeERC20FailedOperation',
  },
  {
    type: 'error',
    inputs: [
      { name: 'previous', internalType: 'address', type: 'address' },
      { name: 'signer', internalType: 'address', type: 'address' },
    ],
    name: 'SignersNotInOrder',
  },
  {
    type: 'error',
    inputs: [
      { name: 'contributor', internalType: 'address', type: 'address' },
      { name: 'nonce', internalType: 'uint256', type: 'uint256' },
      { name: 'lastNonce', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'StaleNonce',
  },
  {
    type: 'error',
    inputs: [{ name: 'str', internalType: 'string', type: 'string' }],
    name: 'StringTooLong',
  },
  {
    type: 'error',
    inputs: [
      { name: 'signerCount', internalType: 'uint256', type: 'uint256' },
      { name: 'max', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'TooManySigners',
  },
  {
    type: 'error',
    inputs: [
      { name: 'tokens', internalType: 'uint256', type: 'uint256' },
      { name: 'otherTokens', internalType: 'uint256', type: 'uint256' },
      { name: 'limit', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'TotalTokensAboveLimit',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'by', internalType: 'address', type: 'address', indexed: false },
    ],
    name: 'AttestationsPaused',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'by', internalType: 'address', type: 'address', indexed: false },
    ],
    name: 'AttestationsUnpaused',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'contributor',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'nonce',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'previousTokens',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'tokens',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'totalTokens',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'epoch',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'signers',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'manifestCid',
        internalType: 'bytes',
        type: 'bytes',
        indexed: false,
      },
    ],
    name: 'Attested',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'contributor',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'to', internalType: 'address', type: 'address', indexed: false },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Claimed',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'epoch',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'signers',
        internalType: 'address[]',
        type: 'address[]',
        indexed: false,
      },
      {
        name: 'threshold',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'CommitteeChanged',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'epoch',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      { name: 'by', internalType: 'address', type: 'address', indexed: false },
    ],
    name: 'CommitteeProposalCancelled',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'epoch',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'signers',
        internalType: 'address[]',
        type: 'address[]',
        indexed: false,
      },
      {
        name: 'threshold',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'activatesAt',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'CommitteeProposed',
  },
  { type: 'event', anonymous: false, inputs: [], name: 'EIP712DomainChanged' },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferStarted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferred',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'depositor',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'gross',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'distributed',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'held',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'totalTokens',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'rewardPerToken',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'RevenueDeposited',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'caller',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'distributed',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'held',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'totalTokens',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'rewardPerToken',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'SurplusSynced',
  },
  {
    type: 'function',
    inputs: [],
    name: 'ATTESTATION_TYPEHASH',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'CLAIM_TYPEHASH',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_COMMITTEE_DELAY',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_ESCROW',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_NONCE',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_NONCE_STEP',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_SIGNERS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_TOTAL_TOKENS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'PRECISION',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'acceptOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'activateCommittee',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'alphaBps',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'gross', internalType: 'uint256', type: 'uint256' }],
    name: 'amountForRevenue',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'asset',
    outputs: [{ name: '', internalType: 'contract IERC20', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'attestation',
        internalType: 'struct IRevenueSplitter.Attestation',
        type: 'tuple',
        components: [
          { name: 'contributor', internalType: 'address', type: 'address' },
          { name: 'tokens', internalType: 'uint256', type: 'uint256' },
          { name: 'nonce', internalType: 'uint256', type: 'uint256' },
          { name: 'deadline', internalType: 'uint256', type: 'uint256' },
          { name: 'manifestCid', internalType: 'bytes', type: 'bytes' },
        ],
      },
      { name: 'signatures', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'attest',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'attestationsPaused',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'cancelCommitteeProposal',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'to', internalType: 'address', type: 'address' }],
    name: 'claim',
    outputs: [{ name: 'amount', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'contributor', internalType: 'address', type: 'address' }],
    name: 'claimFor',
    outputs: [{ name: 'amount', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'contributor', internalType: 'address', type: 'address' }],
    name: 'claimNonceOf',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'request',
        internalType: 'struct IRevenueSplitter.Claim',
        type: 'tuple',
        components: [
          { name: 'contributor', internalType: 'address', type: 'address' },
          { name: 'recipient', internalType: 'address', type: 'address' },
          { name: 'nonce', internalType: 'uint256', type: 'uint256' },
          { name: 'deadline', internalType: 'uint256', type: 'uint256' },
        ],
      },
      { name: 'signature', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'claimWithSig',
    outputs: [{ name: 'amount', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'contributor', internalType: 'address', type: 'address' }],
    name: 'claimable',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'contributor', internalType: 'address', type: 'address' }],
    name: 'claimed',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'committee',
    outputs: [
      { name: 'signers', internalType: 'address[]', type: 'address[]' },
      { name: 'threshold', internalType: 'uint256', type: 'uint256' },
      { name: 'epoch', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'committeeDelay',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'gross', internalType: 'uint256', type: 'uint256' }],
    name: 'depositRevenue',
    outputs: [{ name: 'amount', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'gross', internalType: 'uint256', type: 'uint256' },
      { name: 'deadline', internalType: 'uint256', type: 'uint256' },
      { name: 'v', internalType: 'uint8', type: 'uint8' },
      { name: 'r', internalType: 'bytes32', type: 'bytes32' },
      { name: 's', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'depositRevenueWithPermit',
    outputs: [{ name: 'amount', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'eip712Domain',
    outputs: [
      { name: 'fields', internalType: 'bytes1', type: 'bytes1' },
      { name: 'name', internalType: 'string', type: 'string' },
      { name: 'version', internalType: 'string', type: 'string' },
      { name: 'chainId', internalType: 'uint256', type: 'uint256' },
      { name: 'verifyingContract', internalType: 'address', type: 'address' },
      { name: 'salt', internalType: 'bytes32', type: 'bytes32' },
      { name: 'extensions', internalType: 'uint256[]', type: 'uint256[]' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'guardian',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'attestation',
        internalType: 'struct IRevenueSplitter.Attestation',
        type: 'tuple',
        components: [
          { name: 'contributor', internalType: 'address', type: 'address' },
          { name: 'tokens', internalType: 'uint256', type: 'uint256' },
          { name: 'nonce', internalType: 'uint256', type: 'uint256' },
          { name: 'deadline', internalType: 'uint256', type: 'uint256' },
          { name: 'manifestCid', internalType: 'bytes', type: 'bytes' },
        ],
      },
    ],
    name: 'hashAttestation',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'request',
        internalType: 'struct IRevenueSplitter.Claim',
        type: 'tuple',
        components: [
          { name: 'contributor', internalType: 'address', type: 'address' },
          { name: 'recipient', internalType: 'address', type: 'address' },
          { name: 'nonce', internalType: 'uint256', type: 'uint256' },
          { name: 'deadline', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    name: 'hashClaim',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'held',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'signer', internalType: 'address', type: 'address' }],
    name: 'isCommitteeSigner',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'contributor', internalType: 'address', type: 'address' }],
    name: 'nonceOf',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'owner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'pauseAttestations',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'pendingCommittee',
    outputs: [
      { name: 'signers', internalType: 'address[]', type: 'address[]' },
      { name: 'threshold', internalType: 'uint256', type: 'uint256' },
      { name: 'activatesAt', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'pendingOwner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'signers', internalType: 'address[]', type: 'address[]' },
      { name: 'threshold', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'proposeCommittee',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'renounceOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'rewardPerToken',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'contributor', internalType: 'address', type: 'address' }],
    name: 'shareOf',
    outputs: [
      { name: 'tokens', internalType: 'uint256', type: 'uint256' },
      { name: 'total', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'surplus',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'syncSurplus',
    outputs: [{ name: 'amount', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'contributor', internalType: 'address', type: 'address' }],
    name: 'tokensOf',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'totalClaimed',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'totalDeposited',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'totalGrossRevenue',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'totalTokens',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'newOwner', internalType: 'address', type: 'address' }],
    name: 'transferOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'unpause',
    outputs: [],
    stateMutability: 'nonpayable',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// RevenueSplitterFactory
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const revenueSplitterFactoryAbi = [
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'program',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'asset',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'alphaBps',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'signers',
        internalType: 'address[]',
        type: 'address[]',
        indexed: false,
      },
      {
        name: 'threshold',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'guardian',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'committeeDelay',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'creator',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'index',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'ProgramCreated',
  },
  {
    type: 'function',
    inputs: [],
    name: 'DEFAULT_COMMITTEE_DELAY',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'asset', internalType: 'contract IERC20', type: 'address' },
      { name: 'alphaBps', internalType: 'uint256', type: 'uint256' },
      { name: 'signers', internalType: 'address[]', type: 'address[]' },
      { name: 'threshold', internalType: 'uint256', type: 'uint256' },
      { name: 'owner', internalType: 'address', type: 'address' },
    ],
    name: 'createProgram',
    outputs: [
      {
        name: 'program',
        internalType: 'contract RevenueSplitter',
        type: 'address',
      },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'asset', internalType: 'contract IERC20', type: 'address' },
      { name: 'alphaBps', internalType: 'uint256', type: 'uint256' },
      { name: 'signers', internalType: 'address[]', type: 'address[]' },
      { name: 'threshold', internalType: 'uint256', type: 'uint256' },
      { name: 'owner', internalType: 'address', type: 'address' },
      { name: 'guardian', internalType: 'address', type: 'address' },
      { name: 'committeeDelay', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'createProgramWithOptions',
    outputs: [
      {
        name: 'program',
        internalType: 'contract RevenueSplitter',
        type: 'address',
      },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'program', internalType: 'address', type: 'address' }],
    name: 'isProgram',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'index', internalType: 'uint256', type: 'uint256' }],
    name: 'programAt',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'programCount',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'start', internalType: 'uint256', type: 'uint256' },
      { name: 'limit', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'programs',
    outputs: [{ name: 'page', internalType: 'address[]', type: 'address[]' }],
    stateMutability: 'view',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// React
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link readerKeyRegistryAbi}__
 */
export const useReadReaderKeyRegistry = /*#__PURE__*/ createUseReadContract({
  abi: readerKeyRegistryAbi,
})

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link readerKeyRegistryAbi}__ and `functionName` set to `"MAX_READERS"`
 */
export const useReadReaderKeyRegistryMaxReaders =
  /*#__PURE__*/ createUseReadContract({
    abi: readerKeyRegistryAbi,
    functionName: 'MAX_READERS',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link readerKeyRegistryAbi}__ and `functionName` set to `"MEMBER_READER_KEY_TYPEHASH"`
 */
export const useReadReaderKeyRegistryMemberReaderKeyTypehash =
  /*#__PURE__*/ createUseReadContract({
    abi: readerKeyRegistryAbi,
    functionName: 'MEMBER_READER_KEY_TYPEHASH',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link readerKeyRegistryAbi}__ and `functionName` set to `"eip712Domain"`
 */
export const useReadReaderKeyRegistryEip712Domain =
  /*#__PURE__*/ createUseReadContract({
    abi: readerKeyRegistryAbi,
    functionName: 'eip712Domain',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link readerKeyRegistryAbi}__ and `functionName` set to `"hashMemberReaderKey"`
 */
export const useReadReaderKeyRegistryHashMemberReaderKey =
  /*#__PURE__*/ createUseReadContract({
    abi: readerKeyRegistryAbi,
    functionName: 'hashMemberReaderKey',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link readerKeyRegistryAbi}__ and `functionName` set to `"memberReaderKey"`
 */
export const useReadReaderKeyRegistryMemberReaderKey =
  /*#__PURE__*/ createUseReadContract({
    abi: readerKeyRegistryAbi,
    functionName: 'memberReaderKey',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link readerKeyRegistryAbi}__ and `functionName` set to `"memberReaderKeys"`
 */
export const useReadReaderKeyRegistryMemberReaderKeys =
  /*#__PURE__*/ createUseReadContract({
    abi: readerKeyRegistryAbi,
    functionName: 'memberReaderKeys',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link readerKeyRegistryAbi}__ and `functionName` set to `"nonces"`
 */
export const useReadReaderKeyRegistryNonces =
  /*#__PURE__*/ createUseReadContract({
    abi: readerKeyRegistryAbi,
    functionName: 'nonces',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link readerKeyRegistryAbi}__ and `functionName` set to `"programReaders"`
 */
export const useReadReaderKeyRegistryProgramReaders =
  /*#__PURE__*/ createUseReadContract({
    abi: readerKeyRegistryAbi,
    functionName: 'programReaders',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link readerKeyRegistryAbi}__ and `functionName` set to `"readers"`
 */
export const useReadReaderKeyRegistryReaders =
  /*#__PURE__*/ createUseReadContract({
    abi: readerKeyRegistryAbi,
    functionName: 'readers',
  })

/**
 * Wraps __{@link useWriteContract}__ with `abi` set to __{@link readerKeyRegistryAbi}__
 */
export const useWriteReaderKeyRegistry = /*#__PURE__*/ createUseWriteContract({
  abi: readerKeyRegistryAbi,
})

/**
 * Wraps __{@link useWriteContract}__ with `abi` set to __{@link readerKeyRegistryAbi}__ and `functionName` set to `"setMemberReaderKey"`
 */
export const useWriteReaderKeyRegistrySetMemberReaderKey =
  /*#__PURE__*/ createUseWriteContract({
    abi: readerKeyRegistryAbi,
    functionName: 'setMemberReaderKey',
  })

/**
 * Wraps __{@link useWriteContract}__ with `abi` set to __{@link readerKeyRegistryAbi}__ and `functionName` set to `"setMemberReaderKeyBySig"`
 */
export const useWriteReaderKeyRegistrySetMemberReaderKeyBySig =
  /*#__PURE__*/ createUseWriteContract({
    abi: readerKeyRegistryAbi,
    functionName: 'setMemberReaderKeyBySig',
  })

/**
 * Wraps __{@link useWriteContract}__ with `abi` set to __{@link readerKeyRegistryAbi}__ and `functionName` set to `"setProgramReaders"`
 */
export const useWriteReaderKeyRegistrySetProgramReaders =
  /*#__PURE__*/ createUseWriteContract({
    abi: readerKeyRegistryAbi,
    functionName: 'setProgramReaders',
  })

/**
 * Wraps __{@link useSimulateContract}__ with `abi` set to __{@link readerKeyRegistryAbi}__
 */
export const useSimulateReaderKeyRegistry =
  /*#__PURE__*/ createUseSimulateContract({ abi: readerKeyRegistryAbi })

/**
 * Wraps __{@link useSimulateContract}__ with `abi` set to __{@link readerKeyRegistryAbi}__ and `functionName` set to `"setMemberReaderKey"`
 */
export const useSimulateReaderKeyRegistrySetMemberReaderKey =
  /*#__PURE__*/ createUseSimulateContract({
    abi: readerKeyRegistryAbi,
    functionName: 'setMemberReaderKey',
  })

/**
 * Wraps __{@link useSimulateContract}__ with `abi` set to __{@link readerKeyRegistryAbi}__ and `functionName` set to `"setMemberReaderKeyBySig"`
 */
export const useSimulateReaderKeyRegistrySetMemberReaderKeyBySig =
  /*#__PURE__*/ createUseSimulateContract({
    abi: readerKeyRegistryAbi,
    functionName: 'setMemberReaderKeyBySig',
  })

/**
 * Wraps __{@link useSimulateContract}__ with `abi` set to __{@link readerKeyRegistryAbi}__ and `functionName` set to `"setProgramReaders"`
 */
export const useSimulateReaderKeyRegistrySetProgramReaders =
  /*#__PURE__*/ createUseSimulateContract({
    abi: readerKeyRegistryAbi,
    functionName: 'setProgramReaders',
  })

/**
 * Wraps __{@link useWatchContractEvent}__ with `abi` set to __{@link readerKeyRegistryAbi}__
 */
export const useWatchReaderKeyRegistryEvent =
  /*#__PURE__*/ createUseWatchContractEvent({ abi: readerKeyRegistryAbi })

/**
 * Wraps __{@link useWatchContractEvent}__ with `abi` set to __{@link readerKeyRegistryAbi}__ and `eventName` set to `"EIP712DomainChanged"`
 */
export const useWatchReaderKeyRegistryEip712DomainChangedEvent =
  /*#__PURE__*/ createUseWatchContractEvent({
    abi: readerKeyRegistryAbi,
    eventName: 'EIP712DomainChanged',
  })

/**
 * Wraps __{@link useWatchContractEvent}__ with `abi` set to __{@link readerKeyRegistryAbi}__ and `eventName` set to `"MemberReaderKeySet"`
 */
export const useWatchReaderKeyRegistryMemberReaderKeySetEvent =
  /*#__PURE__*/ createUseWatchContractEvent({
    abi: readerKeyRegistryAbi,
    eventName: 'MemberReaderKeySet',
  })

/**
 * Wraps __{@link useWatchContractEvent}__ with `abi` set to __{@link readerKeyRegistryAbi}__ and `eventName` set to `"ProgramReadersSet"`
 */
export const useWatchReaderKeyRegistryProgramReadersSetEvent =
  /*#__PURE__*/ createUseWatchContractEvent({
    abi: readerKeyRegistryAbi,
    eventName: 'ProgramReadersSet',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__
 */
export const useReadRevenueSplitter = /*#__PURE__*/ createUseReadContract({
  abi: revenueSplitterAbi,
})

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"ATTESTATION_TYPEHASH"`
 */
export const useReadRevenueSplitterAttestationTypehash =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'ATTESTATION_TYPEHASH',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"CLAIM_TYPEHASH"`
 */
export const useReadRevenueSplitterClaimTypehash =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'CLAIM_TYPEHASH',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"MAX_COMMITTEE_DELAY"`
 */
export const useReadRevenueSplitterMaxCommitteeDelay =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'MAX_COMMITTEE_DELAY',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"MAX_ESCROW"`
 */
export const useReadRevenueSplitterMaxEscrow =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'MAX_ESCROW',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"MAX_NONCE"`
 */
export const useReadRevenueSplitterMaxNonce =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'MAX_NONCE',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"MAX_NONCE_STEP"`
 */
export const useReadRevenueSplitterMaxNonceStep =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'MAX_NONCE_STEP',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"MAX_SIGNERS"`
 */
export const useReadRevenueSplitterMaxSigners =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'MAX_SIGNERS',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"MAX_TOTAL_TOKENS"`
 */
export const useReadRevenueSplitterMaxTotalTokens =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'MAX_TOTAL_TOKENS',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"PRECISION"`
 */
export const useReadRevenueSplitterPrecision =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'PRECISION',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"alphaBps"`
 */
export const useReadRevenueSplitterAlphaBps =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'alphaBps',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"amountForRevenue"`
 */
export const useReadRevenueSplitterAmountForRevenue =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'amountForRevenue',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"asset"`
 */
export const useReadRevenueSplitterAsset = /*#__PURE__*/ createUseReadContract({
  abi: revenueSplitterAbi,
  functionName: 'asset',
})

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"attestationsPaused"`
 */
export const useReadRevenueSplitterAttestationsPaused =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'attestationsPaused',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"claimNonceOf"`
 */
export const useReadRevenueSplitterClaimNonceOf =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'claimNonceOf',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"claimable"`
 */
export const useReadRevenueSplitterClaimable =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'claimable',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"claimed"`
 */
export const useReadRevenueSplitterClaimed =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'claimed',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"committee"`
 */
export const useReadRevenueSplitterCommittee =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'committee',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"committeeDelay"`
 */
export const useReadRevenueSplitterCommitteeDelay =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'committeeDelay',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"eip712Domain"`
 */
export const useReadRevenueSplitterEip712Domain =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'eip712Domain',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"guardian"`
 */
export const useReadRevenueSplitterGuardian =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'guardian',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"hashAttestation"`
 */
export const useReadRevenueSplitterHashAttestation =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'hashAttestation',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"hashClaim"`
 */
export const useReadRevenueSplitterHashClaim =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'hashClaim',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"held"`
 */
export const useReadRevenueSplitterHeld = /*#__PURE__*/ createUseReadContract({
  abi: revenueSplitterAbi,
  functionName: 'held',
})

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"isCommitteeSigner"`
 */
export const useReadRevenueSplitterIsCommitteeSigner =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'isCommitteeSigner',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"nonceOf"`
 */
export const useReadRevenueSplitterNonceOf =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'nonceOf',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"owner"`
 */
export const useReadRevenueSplitterOwner = /*#__PURE__*/ createUseReadContract({
  abi: revenueSplitterAbi,
  functionName: 'owner',
})

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"pendingCommittee"`
 */
export const useReadRevenueSplitterPendingCommittee =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'pendingCommittee',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"pendingOwner"`
 */
export const useReadRevenueSplitterPendingOwner =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'pendingOwner',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"rewardPerToken"`
 */
export const useReadRevenueSplitterRewardPerToken =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'rewardPerToken',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"shareOf"`
 */
export const useReadRevenueSplitterShareOf =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'shareOf',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"surplus"`
 */
export const useReadRevenueSplitterSurplus =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'surplus',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"tokensOf"`
 */
export const useReadRevenueSplitterTokensOf =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'tokensOf',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"totalClaimed"`
 */
export const useReadRevenueSplitterTotalClaimed =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'totalClaimed',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"totalDeposited"`
 */
export const useReadRevenueSplitterTotalDeposited =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'totalDeposited',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"totalGrossRevenue"`
 */
export const useReadRevenueSplitterTotalGrossRevenue =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'totalGrossRevenue',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"totalTokens"`
 */
export const useReadRevenueSplitterTotalTokens =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterAbi,
    functionName: 'totalTokens',
  })

/**
 * Wraps __{@link useWriteContract}__ with `abi` set to __{@link revenueSplitterAbi}__
 */
export const useWriteRevenueSplitter = /*#__PURE__*/ createUseWriteContract({
  abi: revenueSplitterAbi,
})

/**
 * Wraps __{@link useWriteContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"acceptOwnership"`
 */
export const useWriteRevenueSplitterAcceptOwnership =
  /*#__PURE__*/ createUseWriteContract({
    abi: revenueSplitterAbi,
    functionName: 'acceptOwnership',
  })

/**
 * Wraps __{@link useWriteContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"activateCommittee"`
 */
export const useWriteRevenueSplitterActivateCommittee =
  /*#__PURE__*/ createUseWriteContract({
    abi: revenueSplitterAbi,
    functionName: 'activateCommittee',
  })

/**
 * Wraps __{@link useWriteContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"attest"`
 */
export const useWriteRevenueSplitterAttest =
  /*#__PURE__*/ createUseWriteContract({
    abi: revenueSplitterAbi,
    functionName: 'attest',
  })

/**
 * Wraps __{@link useWriteContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"cancelCommitteeProposal"`
 */
export const useWriteRevenueSplitterCancelCommitteeProposal =
  /*#__PURE__*/ createUseWriteContract({
    abi: revenueSplitterAbi,
    functionName: 'cancelCommitteeProposal',
  })

/**
 * Wraps __{@link useWriteContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"claim"`
 */
export const useWriteRevenueSplitterClaim =
  /*#__PURE__*/ createUseWriteContract({
    abi: revenueSplitterAbi,
    functionName: 'claim',
  })

/**
 * Wraps __{@link useWriteContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"claimFor"`
 */
export const useWriteRevenueSplitterClaimFor =
  /*#__PURE__*/ createUseWriteContract({
    abi: revenueSplitterAbi,
    functionName: 'claimFor',
  })

/**
 * Wraps __{@link useWriteContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"claimWithSig"`
 */
export const useWriteRevenueSplitterClaimWithSig =
  /*#__PURE__*/ createUseWriteContract({
    abi: revenueSplitterAbi,
    functionName: 'claimWithSig',
  })

/**
 * Wraps __{@link useWriteContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"depositRevenue"`
 */
export const useWriteRevenueSplitterDepositRevenue =
  /*#__PURE__*/ createUseWriteContract({
    abi: revenueSplitterAbi,
    functionName: 'depositRevenue',
  })

/**
 * Wraps __{@link useWriteContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"depositRevenueWithPermit"`
 */
export const useWriteRevenueSplitterDepositRevenueWithPermit =
  /*#__PURE__*/ createUseWriteContract({
    abi: revenueSplitterAbi,
    functionName: 'depositRevenueWithPermit',
  })

/**
 * Wraps __{@link useWriteContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"pauseAttestations"`
 */
export const useWriteRevenueSplitterPauseAttestations =
  /*#__PURE__*/ createUseWriteContract({
    abi: revenueSplitterAbi,
    functionName: 'pauseAttestations',
  })

/**
 * Wraps __{@link useWriteContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"proposeCommittee"`
 */
export const useWriteRevenueSplitterProposeCommittee =
  /*#__PURE__*/ createUseWriteContract({
    abi: revenueSplitterAbi,
    functionName: 'proposeCommittee',
  })

/**
 * Wraps __{@link useWriteContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"renounceOwnership"`
 */
export const useWriteRevenueSplitterRenounceOwnership =
  /*#__PURE__*/ createUseWriteContract({
    abi: revenueSplitterAbi,
    functionName: 'renounceOwnership',
  })

/**
 * Wraps __{@link useWriteContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"syncSurplus"`
 */
export const useWriteRevenueSplitterSyncSurplus =
  /*#__PURE__*/ createUseWriteContract({
    abi: revenueSplitterAbi,
    functionName: 'syncSurplus',
  })

/**
 * Wraps __{@link useWriteContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"transferOwnership"`
 */
export const useWriteRevenueSplitterTransferOwnership =
  /*#__PURE__*/ createUseWriteContract({
    abi: revenueSplitterAbi,
    functionName: 'transferOwnership',
  })

/**
 * Wraps __{@link useWriteContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"unpause"`
 */
export const useWriteRevenueSplitterUnpause =
  /*#__PURE__*/ createUseWriteContract({
    abi: revenueSplitterAbi,
    functionName: 'unpause',
  })

/**
 * Wraps __{@link useSimulateContract}__ with `abi` set to __{@link revenueSplitterAbi}__
 */
export const useSimulateRevenueSplitter =
  /*#__PURE__*/ createUseSimulateContract({ abi: revenueSplitterAbi })

/**
 * Wraps __{@link useSimulateContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"acceptOwnership"`
 */
export const useSimulateRevenueSplitterAcceptOwnership =
  /*#__PURE__*/ createUseSimulateContract({
    abi: revenueSplitterAbi,
    functionName: 'acceptOwnership',
  })

/**
 * Wraps __{@link useSimulateContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"activateCommittee"`
 */
export const useSimulateRevenueSplitterActivateCommittee =
  /*#__PURE__*/ createUseSimulateContract({
    abi: revenueSplitterAbi,
    functionName: 'activateCommittee',
  })

/**
 * Wraps __{@link useSimulateContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"attest"`
 */
export const useSimulateRevenueSplitterAttest =
  /*#__PURE__*/ createUseSimulateContract({
    abi: revenueSplitterAbi,
    functionName: 'attest',
  })

/**
 * Wraps __{@link useSimulateContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"cancelCommitteeProposal"`
 */
export const useSimulateRevenueSplitterCancelCommitteeProposal =
  /*#__PURE__*/ createUseSimulateContract({
    abi: revenueSplitterAbi,
    functionName: 'cancelCommitteeProposal',
  })

/**
 * Wraps __{@link useSimulateContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"claim"`
 */
export const useSimulateRevenueSplitterClaim =
  /*#__PURE__*/ createUseSimulateContract({
    abi: revenueSplitterAbi,
    functionName: 'claim',
  })

/**
 * Wraps __{@link useSimulateContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"claimFor"`
 */
export const useSimulateRevenueSplitterClaimFor =
  /*#__PURE__*/ createUseSimulateContract({
    abi: revenueSplitterAbi,
    functionName: 'claimFor',
  })

/**
 * Wraps __{@link useSimulateContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"claimWithSig"`
 */
export const useSimulateRevenueSplitterClaimWithSig =
  /*#__PURE__*/ createUseSimulateContract({
    abi: revenueSplitterAbi,
    functionName: 'claimWithSig',
  })

/**
 * Wraps __{@link useSimulateContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"depositRevenue"`
 */
export const useSimulateRevenueSplitterDepositRevenue =
  /*#__PURE__*/ createUseSimulateContract({
    abi: revenueSplitterAbi,
    functionName: 'depositRevenue',
  })

/**
 * Wraps __{@link useSimulateContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"depositRevenueWithPermit"`
 */
export const useSimulateRevenueSplitterDepositRevenueWithPermit =
  /*#__PURE__*/ createUseSimulateContract({
    abi: revenueSplitterAbi,
    functionName: 'depositRevenueWithPermit',
  })

/**
 * Wraps __{@link useSimulateContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"pauseAttestations"`
 */
export const useSimulateRevenueSplitterPauseAttestations =
  /*#__PURE__*/ createUseSimulateContract({
    abi: revenueSplitterAbi,
    functionName: 'pauseAttestations',
  })

/**
 * Wraps __{@link useSimulateContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"proposeCommittee"`
 */
export const useSimulateRevenueSplitterProposeCommittee =
  /*#__PURE__*/ createUseSimulateContract({
    abi: revenueSplitterAbi,
    functionName: 'proposeCommittee',
  })

/**
 * Wraps __{@link useSimulateContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"renounceOwnership"`
 */
export const useSimulateRevenueSplitterRenounceOwnership =
  /*#__PURE__*/ createUseSimulateContract({
    abi: revenueSplitterAbi,
    functionName: 'renounceOwnership',
  })

/**
 * Wraps __{@link useSimulateContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"syncSurplus"`
 */
export const useSimulateRevenueSplitterSyncSurplus =
  /*#__PURE__*/ createUseSimulateContract({
    abi: revenueSplitterAbi,
    functionName: 'syncSurplus',
  })

/**
 * Wraps __{@link useSimulateContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"transferOwnership"`
 */
export const useSimulateRevenueSplitterTransferOwnership =
  /*#__PURE__*/ createUseSimulateContract({
    abi: revenueSplitterAbi,
    functionName: 'transferOwnership',
  })

/**
 * Wraps __{@link useSimulateContract}__ with `abi` set to __{@link revenueSplitterAbi}__ and `functionName` set to `"unpause"`
 */
export const useSimulateRevenueSplitterUnpause =
  /*#__PURE__*/ createUseSimulateContract({
    abi: revenueSplitterAbi,
    functionName: 'unpause',
  })

/**
 * Wraps __{@link useWatchContractEvent}__ with `abi` set to __{@link revenueSplitterAbi}__
 */
export const useWatchRevenueSplitterEvent =
  /*#__PURE__*/ createUseWatchContractEvent({ abi: revenueSplitterAbi })

/**
 * Wraps __{@link useWatchContractEvent}__ with `abi` set to __{@link revenueSplitterAbi}__ and `eventName` set to `"AttestationsPaused"`
 */
export const useWatchRevenueSplitterAttestationsPausedEvent =
  /*#__PURE__*/ createUseWatchContractEvent({
    abi: revenueSplitterAbi,
    eventName: 'AttestationsPaused',
  })

/**
 * Wraps __{@link useWatchContractEvent}__ with `abi` set to __{@link revenueSplitterAbi}__ and `eventName` set to `"AttestationsUnpaused"`
 */
export const useWatchRevenueSplitterAttestationsUnpausedEvent =
  /*#__PURE__*/ createUseWatchContractEvent({
    abi: revenueSplitterAbi,
    eventName: 'AttestationsUnpaused',
  })

/**
 * Wraps __{@link useWatchContractEvent}__ with `abi` set to __{@link revenueSplitterAbi}__ and `eventName` set to `"Attested"`
 */
export const useWatchRevenueSplitterAttestedEvent =
  /*#__PURE__*/ createUseWatchContractEvent({
    abi: revenueSplitterAbi,
    eventName: 'Attested',
  })

/**
 * Wraps __{@link useWatchContractEvent}__ with `abi` set to __{@link revenueSplitterAbi}__ and `eventName` set to `"Claimed"`
 */
export const useWatchRevenueSplitterClaimedEvent =
  /*#__PURE__*/ createUseWatchContractEvent({
    abi: revenueSplitterAbi,
    eventName: 'Claimed',
  })

/**
 * Wraps __{@link useWatchContractEvent}__ with `abi` set to __{@link revenueSplitterAbi}__ and `eventName` set to `"CommitteeChanged"`
 */
export const useWatchRevenueSplitterCommitteeChangedEvent =
  /*#__PURE__*/ createUseWatchContractEvent({
    abi: revenueSplitterAbi,
    eventName: 'CommitteeChanged',
  })

/**
 * Wraps __{@link useWatchContractEvent}__ with `abi` set to __{@link revenueSplitterAbi}__ and `eventName` set to `"CommitteeProposalCancelled"`
 */
export const useWatchRevenueSplitterCommitteeProposalCancelledEvent =
  /*#__PURE__*/ createUseWatchContractEvent({
    abi: revenueSplitterAbi,
    eventName: 'CommitteeProposalCancelled',
  })

/**
 * Wraps __{@link useWatchContractEvent}__ with `abi` set to __{@link revenueSplitterAbi}__ and `eventName` set to `"CommitteeProposed"`
 */
export const useWatchRevenueSplitterCommitteeProposedEvent =
  /*#__PURE__*/ createUseWatchContractEvent({
    abi: revenueSplitterAbi,
    eventName: 'CommitteeProposed',
  })

/**
 * Wraps __{@link useWatchContractEvent}__ with `abi` set to __{@link revenueSplitterAbi}__ and `eventName` set to `"EIP712DomainChanged"`
 */
export const useWatchRevenueSplitterEip712DomainChangedEvent =
  /*#__PURE__*/ createUseWatchContractEvent({
    abi: revenueSplitterAbi,
    eventName: 'EIP712DomainChanged',
  })

/**
 * Wraps __{@link useWatchContractEvent}__ with `abi` set to __{@link revenueSplitterAbi}__ and `eventName` set to `"OwnershipTransferStarted"`
 */
export const useWatchRevenueSplitterOwnershipTransferStartedEvent =
  /*#__PURE__*/ createUseWatchContractEvent({
    abi: revenueSplitterAbi,
    eventName: 'OwnershipTransferStarted',
  })

/**
 * Wraps __{@link useWatchContractEvent}__ with `abi` set to __{@link revenueSplitterAbi}__ and `eventName` set to `"OwnershipTransferred"`
 */
export const useWatchRevenueSplitterOwnershipTransferredEvent =
  /*#__PURE__*/ createUseWatchContractEvent({
    abi: revenueSplitterAbi,
    eventName: 'OwnershipTransferred',
  })

/**
 * Wraps __{@link useWatchContractEvent}__ with `abi` set to __{@link revenueSplitterAbi}__ and `eventName` set to `"RevenueDeposited"`
 */
export const useWatchRevenueSplitterRevenueDepositedEvent =
  /*#__PURE__*/ createUseWatchContractEvent({
    abi: revenueSplitterAbi,
    eventName: 'RevenueDeposited',
  })

/**
 * Wraps __{@link useWatchContractEvent}__ with `abi` set to __{@link revenueSplitterAbi}__ and `eventName` set to `"SurplusSynced"`
 */
export const useWatchRevenueSplitterSurplusSyncedEvent =
  /*#__PURE__*/ createUseWatchContractEvent({
    abi: revenueSplitterAbi,
    eventName: 'SurplusSynced',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterFactoryAbi}__
 */
export const useReadRevenueSplitterFactory =
  /*#__PURE__*/ createUseReadContract({ abi: revenueSplitterFactoryAbi })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterFactoryAbi}__ and `functionName` set to `"DEFAULT_COMMITTEE_DELAY"`
 */
export const useReadRevenueSplitterFactoryDefaultCommitteeDelay =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterFactoryAbi,
    functionName: 'DEFAULT_COMMITTEE_DELAY',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterFactoryAbi}__ and `functionName` set to `"isProgram"`
 */
export const useReadRevenueSplitterFactoryIsProgram =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterFactoryAbi,
    functionName: 'isProgram',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterFactoryAbi}__ and `functionName` set to `"programAt"`
 */
export const useReadRevenueSplitterFactoryProgramAt =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterFactoryAbi,
    functionName: 'programAt',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterFactoryAbi}__ and `functionName` set to `"programCount"`
 */
export const useReadRevenueSplitterFactoryProgramCount =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterFactoryAbi,
    functionName: 'programCount',
  })

/**
 * Wraps __{@link useReadContract}__ with `abi` set to __{@link revenueSplitterFactoryAbi}__ and `functionName` set to `"programs"`
 */
export const useReadRevenueSplitterFactoryPrograms =
  /*#__PURE__*/ createUseReadContract({
    abi: revenueSplitterFactoryAbi,
    functionName: 'programs',
  })

/**
 * Wraps __{@link useWriteContract}__ with `abi` set to __{@link revenueSplitterFactoryAbi}__
 */
export const useWriteRevenueSplitterFactory =
  /*#__PURE__*/ createUseWriteContract({ abi: revenueSplitterFactoryAbi })

/**
 * Wraps __{@link useWriteContract}__ with `abi` set to __{@link revenueSplitterFactoryAbi}__ and `functionName` set to `"createProgram"`
 */
export const useWriteRevenueSplitterFactoryCreateProgram =
  /*#__PURE__*/ createUseWriteContract({
    abi: revenueSplitterFactoryAbi,
    functionName: 'createProgram',
  })

/**
 * Wraps __{@link useWriteContract}__ with `abi` set to __{@link revenueSplitterFactoryAbi}__ and `functionName` set to `"createProgramWithOptions"`
 */
export const useWriteRevenueSplitterFactoryCreateProgramWithOptions =
  /*#__PURE__*/ createUseWriteContract({
    abi: revenueSplitterFactoryAbi,
    functionName: 'createProgramWithOptions',
  })

/**
 * Wraps __{@link useSimulateContract}__ with `abi` set to __{@link revenueSplitterFactoryAbi}__
 */
export const useSimulateRevenueSplitterFactory =
  /*#__PURE__*/ createUseSimulateContract({ abi: revenueSplitterFactoryAbi })

/**
 * Wraps __{@link useSimulateContract}__ with `abi` set to __{@link revenueSplitterFactoryAbi}__ and `functionName` set to `"createProgram"`
 */
export const useSimulateRevenueSplitterFactoryCreateProgram =
  /*#__PURE__*/ createUseSimulateContract({
    abi: revenueSplitterFactoryAbi,
    functionName: 'createProgram',
  })

/**
 * Wraps __{@link useSimulateContract}__ with `abi` set to __{@link revenueSplitterFactoryAbi}__ and `functionName` set to `"createProgramWithOptions"`
 */
export const useSimulateRevenueSplitterFactoryCreateProgramWithOptions =
  /*#__PURE__*/ createUseSimulateContract({
    abi: revenueSplitterFactoryAbi,
    functionName: 'createProgramWithOptions',
  })

/**
 * Wraps __{@link useWatchContractEvent}__ with `abi` set to __{@link revenueSplitterFactoryAbi}__
 */
export const useWatchRevenueSplitterFactoryEvent =
  /*#__PURE__*/ createUseWatchContractEvent({ abi: revenueSplitterFactoryAbi })

/**
 * Wraps __{@link useWatchContractEvent}__ with `abi` set to __{@link revenueSplitterFactoryAbi}__ and `eventName` set to `"ProgramCreated"`
 */
export const useWatchRevenueSplitterFactoryProgramCreatedEvent =
  /*#__PURE__*/ createUseWatchContractEvent({
    abi: revenueSplitterFactoryAbi,
    eventName: 'ProgramCreated',
  })
