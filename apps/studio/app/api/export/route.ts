import { getStudio, handle } from '../../../lib/server';

export const dynamic = 'force-dynamic';

export function GET() {
  return handle(async () =>
    Response.json(await (await getStudio()).exportAll(), {
      headers: { 'content-disposition': 'attachment; filename="emotion-studio-export.json"', 'cache-control': 'no-store' },
    }),
  );
}
