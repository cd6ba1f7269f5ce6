import { getStudio, handle } from '../../../../lib/server';

export const dynamic = 'force-dynamic';

export function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  return handle(async () => Response.json(await (await getStudio()).requireEntry((await context.params).id)));
}
