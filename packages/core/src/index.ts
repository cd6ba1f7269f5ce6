export * from './taxonomy';
export * from './contracts';
