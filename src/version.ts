import pkg from '../package.json' with { type: 'json' };

/** The version of cto, written into every snapshot. */
export const TOOL_VERSION: string = pkg.version;
