// Re-exports of parameter spaces: schemas, priors, expressions, paths and compilation.
export * from './schema';
export * from './priors';
export * from './expression';
export * from './json-path';
export * from './space';
export * from './example';
export * from './library-spec';
export * from './library-types';
