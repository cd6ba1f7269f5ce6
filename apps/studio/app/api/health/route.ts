import { getStudio, handle } from '../../../lib/server';

export const dynamic = 'force-dynamic';

export function GET() {
  return handle(async () => {
    const studio = await getStudio();
    return Response.json({ ok: true, cache: studio.cache.kind });
  });
}
