export { Studio, type AnalyzeResponse, type PredictTask, type StudioOptions } from './studio';
export { StudioError, type StudioErrorStatus } from './errors';
export { createLogger, type Logger } from './log';
export { defaultStages } from './stages';
