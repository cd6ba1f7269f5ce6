import { clientKey, getStudio, handle, readJson } from '../../../lib/server';

export const dynamic = 'force-dynamic';

export function POST(request: Request) {
  return handle(async () => {
    const studio = await getStudio();
    const { entry } = await studio.analyze(await readJson(request), clientKey(request));
    return Response.json(entry, { status: 201 });
  });
}
