// Five multi-step questions on the blog fixture, each as the transcript a careful model would
// produce in full, compact and code mode (bench/code-mode.ts runs them). Every transcript returns
// the same normalized answer, so the modes are compared on equal work. A fresh conversation per
// question: compact and code start with describe_models, full mode reads its typed tools.
export type Mode = 'full' | 'compact' | 'code';
export type Call = (name: string, args: Record<string, unknown>) => Promise<unknown>;
type Row = Record<string, any>;

export interface Question {
  readonly id: string;
  readonly text: string;
  readonly full: (call: Call) => Promise<unknown>;
  readonly compact: (call: Call) => Promise<unknown>;
  readonly code: (call: Call) => Promise<unknown>;
}

const q = (call: Call, model: string, operation: string, args: Row = {}) => call('query', { model, operation, args }) as Promise<Row>;
const run = async (call: Call, models: string[], code: string) => {
  await call('describe_models', { models });
  return ((await call('execute', { code })) as Row)['result'];
};
const num = (v: unknown) => Math.round(Number(v) * 1000) / 1000;

export const QUESTIONS: readonly Question[] = [
  {
    id: 'Q1 top author',
    text: 'Which author has the most published posts, and the average rating of all their posts?',
    async full(call) {
      const g = ((await call('aggregate_blog_posts', { by: ['authorId'], where: { published: true }, _count: ['_all'] })) as Row)['groups'] as Row[];
      const top = g.sort((a, b) => b['_count']['_all'] - a['_count']['_all'])[0]!;
      const user = (await call('get_user', { where: { id: top['authorId'] }, select: ['name'] })) as Row;
      const avg = ((await call('aggregate_blog_posts', { where: { authorId: top['authorId'] }, _avg: ['rating'] })) as Row)['groups'][0];
      return { name: user['name'], published: top['_count']['_all'], avgRating: num(avg['_avg']['rating']) };
    },
    async compact(call) {
      await call('describe_models', {});
      await call('describe_models', { models: ['BlogPost', 'User'] });
      const g = (await q(call, 'BlogPost', 'groupBy', { by: ['authorId'], where: { published: true }, _count: { _all: true } }))['groups'] as Row[];
      const top = g.sort((a, b) => b['_count']['_all'] - a['_count']['_all'])[0]!;
      const user = await q(call, 'User', 'findUnique', { where: { id: top['authorId'] }, select: { name: true } });
      const avg = await q(call, 'BlogPost', 'aggregate', { where: { authorId: top['authorId'] }, _avg: { rating: true } });
      return { name: user['name'], published: top['_count']['_all'], avgRating: num(avg['_avg']['rating']) };
    },
    code: (call) => run(call, ['BlogPost', 'User'], `
const groups = await db.blogPost.groupBy({ by: ['authorId'], where: { published: true }, _count: { _all: true } });
const top = groups.sort((a, b) => b._count._all - a._count._all)[0];
const user = await db.user.findUnique({ where: { id: top.authorId }, select: { name: true } });
const avg = await db.blogPost.aggregate({ where: { authorId: top.authorId }, _avg: { rating: true } });
return { name: user.name, published: top._count._all, avgRating: Math.round(Number(avg._avg.rating) * 1000) / 1000 };`),
  },
  {
    id: 'Q2 uncommented',
    text: 'Titles of the published posts nobody has commented on.',
    async full(call) {
      const titles: string[] = [];
      let cursor: string | undefined;
      do {
        const page = (await call('list_blog_posts', { where: { published: true, comments: { none: {} } }, select: ['title'], take: 10, ...(cursor ? { cursor } : {}) })) as Row;
        titles.push(...page['items'].map((p: Row) => p['title']));
        cursor = page['nextCursor'] ?? undefined;
      } while (cursor);
      return titles.sort();
    },
    async compact(call) {
      await call('describe_models', {});
      await call('describe_models', { models: ['BlogPost'] });
      const titles: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await q(call, 'BlogPost', 'findMany', { where: { published: true, comments: { none: {} } }, select: { title: true }, take: 10, ...(cursor ? { cursor } : {}) });
        titles.push(...page['items'].map((p: Row) => p['title']));
        cursor = page['nextCursor'] ?? undefined;
      } while (cursor);
      return titles.sort();
    },
    code: (call) => run(call, ['BlogPost'], `
const titles = [];
let cursor;
do {
  const page = await db.blogPost.findMany({ where: { published: true, comments: { none: {} } }, select: { title: true }, take: 10, cursor });
  titles.push(...page.items.map((p) => p.title));
  cursor = page.nextCursor ?? undefined;
} while (cursor);
return titles.sort();`),
  },
  {
    id: 'Q3 comments per tag',
    text: 'For each tag, how many comments are there on its posts?',
    async full(call) {
      const tags = ((await call('list_tags', { take: 10 })) as Row)['items'] as Row[];
      const out: Row = {};
      for (const t of tags) out[t['name']] = ((await call('count_comments', { where: { post: { is: { tags: { some: { name: t['name'] } } } } } })) as Row)['count'];
      return out;
    },
    async compact(call) {
      await call('describe_models', {});
      await call('describe_models', { models: ['Tag', 'Comment'] });
      const tags = (await q(call, 'Tag', 'findMany', { take: 10 }))['items'] as Row[];
      const out: Row = {};
      for (const t of tags) out[t['name']] = (await q(call, 'Comment', 'count', { where: { post: { is: { tags: { some: { name: t['name'] } } } } } }))['count'];
      return out;
    },
    code: (call) => run(call, ['Tag', 'Comment'], `
const tags = await db.tag.findMany({ take: 10 });
const out = {};
for (const t of tags.items) out[t.name] = await db.comment.count({ where: { post: { is: { tags: { some: { name: t.name } } } } } });
return out;`),
  },
  {
    id: 'Q4 per-author totals',
    text: 'Per author: number of posts, number of drafts, and total views.',
    async full(call) {
      const all = ((await call('aggregate_blog_posts', { by: ['authorId'], _count: ['_all'], _sum: ['views'] })) as Row)['groups'] as Row[];
      const drafts = ((await call('aggregate_blog_posts', { by: ['authorId'], where: { published: false }, _count: ['_all'] })) as Row)['groups'] as Row[];
      const users = ((await call('list_users', { select: ['id', 'name'], take: 10 })) as Row)['items'] as Row[];
      return totals(all, drafts, users);
    },
    async compact(call) {
      await call('describe_models', {});
      await call('describe_models', { models: ['BlogPost', 'User'] });
      const all = (await q(call, 'BlogPost', 'groupBy', { by: ['authorId'], _count: { _all: true }, _sum: { views: true } }))['groups'] as Row[];
      const drafts = (await q(call, 'BlogPost', 'groupBy', { by: ['authorId'], where: { published: false }, _count: { _all: true } }))['groups'] as Row[];
      const users = (await q(call, 'User', 'findMany', { select: { id: true, name: true }, take: 10 }))['items'] as Row[];
      return totals(all, drafts, users);
    },
    code: (call) => run(call, ['BlogPost', 'User'], `
const all = await db.blogPost.groupBy({ by: ['authorId'], _count: { _all: true }, _sum: { views: true } });
const drafts = await db.blogPost.groupBy({ by: ['authorId'], where: { published: false }, _count: { _all: true } });
const users = await db.user.findMany({ select: { id: true, name: true }, take: 10 });
const out = {};
for (const u of users.items) {
  const mine = all.find((g) => g.authorId === u.id);
  if (!mine) continue;
  out[u.name] = { posts: mine._count._all, drafts: drafts.find((g) => g.authorId === u.id)?._count._all ?? 0, views: String(mine._sum.views) };
}
return out;`),
  },
  {
    id: 'Q5 recent with comments',
    text: 'The three most recently published posts, with author name and number of comments.',
    async full(call) {
      const posts = ((await call('list_blog_posts', { where: { published: true }, orderBy: [{ publishedAt: 'desc' }], take: 3, select: ['id', 'title'], include: ['author'] })) as Row)['items'] as Row[];
      const out = [];
      for (const p of posts) out.push({ title: p['title'], author: p['author']['name'], comments: ((await call('count_comments', { where: { postId: p['id'] } })) as Row)['count'] });
      return out;
    },
    async compact(call) {
      await call('describe_models', {});
      await call('describe_models', { models: ['BlogPost', 'Comment'] });
      const posts = (await q(call, 'BlogPost', 'findMany', { where: { published: true }, orderBy: { publishedAt: 'desc' }, take: 3, select: { id: true, title: true, author: true } }))['items'] as Row[];
      const out = [];
      for (const p of posts) out.push({ title: p['title'], author: p['author']['name'], comments: (await q(call, 'Comment', 'count', { where: { postId: p['id'] } }))['count'] });
      return out;
    },
    code: (call) => run(call, ['BlogPost', 'Comment'], `
const posts = await db.blogPost.findMany({ where: { published: true }, orderBy: { publishedAt: 'desc' }, take: 3, select: { id: true, title: true, author: true } });
const out = [];
for (const p of posts.items) out.push({ title: p.title, author: p.author.name, comments: await db.comment.count({ where: { postId: p.id } }) });
return out;`),
  },
];

function totals(all: Row[], drafts: Row[], users: Row[]): Row {
  const out: Row = {};
  for (const u of users) {
    const mine = all.find((g) => g['authorId'] === u['id']);
    if (!mine) continue;
    out[u['name']] = { posts: mine['_count']['_all'], drafts: drafts.find((g) => g['authorId'] === u['id'])?.['_count']['_all'] ?? 0, views: String(mine['_sum']['views']) };
  }
  return out;
}
