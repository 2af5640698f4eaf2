export { checkOutputTarget } from './check-output-target.js';
export { type FileIdentity, fileIdentity, sameFile } from './file-identity.js';
export { describeInputRole, type InputFile, type InputFileRole } from './input-file.js';
export { type PreflightOptions, preflightRun } from './preflight-run.js';
