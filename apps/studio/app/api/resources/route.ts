import { getStudio, handle } from '../../../lib/server';

export const dynamic = 'force-dynamic';

/** Help resources for the configured region (STUDIO_REGION). */
export function GET() {
  return handle(async () => Response.json((await getStudio()).resources()));
}
