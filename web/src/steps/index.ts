// The eight form steps of the wizard, in order (the ninth, the review, lives in main.ts).

import { caStep } from './ca.ts';
import { clusterStep } from './cluster.ts';
import { consoleStep } from './console.ts';
import { credentialsStep } from './credentials.ts';
import { kmsStep } from './kms.ts';
import { networkingStep } from './networking.ts';
import { nodesStep } from './nodes.ts';
import type { Ctx, Step } from './step.ts';
import { sshStep } from './ssh.ts';

export type { Ctx, Step } from './step.ts';

export function makeSteps(ctx: Ctx): Step[] {
  return [credentialsStep(ctx), clusterStep(ctx), caStep(ctx), sshStep(ctx), kmsStep(ctx), nodesStep(ctx), networkingStep(ctx), consoleStep(ctx)];
}
