import { getStudio, handle } from '../../../../lib/server';

export const dynamic = 'force-dynamic';

export function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const image = await (await getStudio()).image((await context.params).id);
    // Content-addressed ids: the bytes behind an id never change.
    return new Response(Buffer.from(image.bytes), {
      headers: { 'content-type': image.mime, 'cache-control': 'private, max-age=31536000, immutable' },
    });
  });
}
