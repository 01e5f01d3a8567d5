// A test that imports TapedeckTesting uses the core's types (TapedeckTest,
// CassetteSession, RecordMode, Redactor) without importing it too.
@_exported public import Tapedeck
