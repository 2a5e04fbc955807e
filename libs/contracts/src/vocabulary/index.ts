export * from './shortage';
export * from './states';
