export { describeIoError, FileError, type FileErrorCode, isFileError } from './file-error.js';
export { fsyncDirectory } from './fsync-directory.js';
export { pathExists } from './path-exists.js';
export { type FileLine, readLines } from './read-lines.js';
export { type RecordFileContents, type RecordFileEntry, readRecordEntries } from './read-record-entries.js';
export { readTextIfExists } from './read-text-if-exists.js';
export { withSyncedHandle } from './with-synced-handle.js';
export { atomicTempPath, writeFileAtomic } from './write-file-atomic.js';
