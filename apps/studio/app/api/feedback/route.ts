import { getStudio, handle, readJson } from '../../../lib/server';

export const dynamic = 'force-dynamic';

export function POST(request: Request) {
  return handle(async () => Response.json(await (await getStudio()).feedback(await readJson(request)), { status: 201 }));
}
