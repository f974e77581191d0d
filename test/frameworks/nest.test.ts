/**
 * NestJS on its Express platform: the Express mount, added by `init` inside the bootstrap function
 * (`app.use('/mcp', mcp)` after `NestFactory.create`). Nest's own JSON body parser runs first, so
 * the parsed body is handed over. Decorators are applied as functions: the scratch project's
 * tsconfig has no experimentalDecorators.
 */
import { describeMount } from './mount.js';

describeMount({
  framework: 'express',
  title: 'NestJS (Express platform)',
  dependencies: { '@nestjs/core': '12.5.1', '@nestjs/common': '12.5.1', '@nestjs/platform-express': '12.5.1', 'reflect-metadata': '0.2.2', rxjs: '7.8.2' },
  entry: `import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

class HelloController {
  hello() {
    return { hello: 'world' };
  }
}
Get('hello')(HelloController.prototype, 'hello', Object.getOwnPropertyDescriptor(HelloController.prototype, 'hello')!);
Controller()(HelloController);

class AppModule {}
Module({ controllers: [HelloController] })(AppModule);

async function bootstrap() {
  const app = await NestFactory.create(AppModule, { logger: false });
  // The app's session (a toy): the cookie names the signed-in user.
  app.use((req: { headers: { cookie?: string } }, _res: unknown, next: () => void) => {
    const sid = /sid=(\\d+)/.exec(req.headers.cookie ?? '')?.[1];
    if (sid) Object.assign(req, { session: { user: { id: Number(sid) } } });
    next();
  });
  await app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
  console.log(\`listening on \${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/mcp\`);
}
void bootstrap();
`,
});
