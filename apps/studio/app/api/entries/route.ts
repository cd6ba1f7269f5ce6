import { getStudio, handle } from '../../../lib/server';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return handle(async () => {
    const params = new URL(request.url).searchParams;
    const limit = Number(params.get('limit') ?? 50);
    const before = params.get('before') ?? undefined;
    return Response.json(await (await getStudio()).history({ limit: Number.isFinite(limit) ? limit : 50, before }));
  });
}

/** Deletes everything the studio stored. */
export function DELETE() {
  return handle(async () => Response.json(await (await getStudio()).deleteAll()));
}
