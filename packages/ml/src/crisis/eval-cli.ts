/**
 * npm run eval:crisis -- [--datasets DIR] [--model DIR] [--split dev] [--write]
 * Prints recall, precision, F1, hard-negative FPR and a confusion matrix per source for the saved gate;
 * --split reads another journal id list as journal dev (e.g. dev-round1, the first round's dev entries);
 * --write also refreshes the confusion-matrix PNGs and metrics.json next to the model.
 */
import { datasetsArg, stringArg } from './data';
import { evaluateGate, printEvaluation } from './evaluate';
import { defaultCrisisDir, loadCrisisModel } from './model';

const argv = process.argv.slice(2);
const dir = stringArg(argv, '--model', defaultCrisisDir());
const model = loadCrisisModel(dir);
printEvaluation(evaluateGate(model, datasetsArg(argv), argv.includes('--write') ? dir : undefined, stringArg(argv, '--split', 'dev')));
