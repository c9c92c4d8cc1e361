// Modules the comment server uses without published types.
declare module 'pg';
declare module 'proxy-addr' {
  import type { IncomingMessage } from 'node:http';
  type Trust = (addr: string, i: number) => boolean;
  function proxyaddr(req: IncomingMessage, trust: Trust | string | string[]): string;
  namespace proxyaddr {
    function compile(val: string | string[]): Trust;
    function all(req: IncomingMessage, trust?: Trust | string | string[]): string[];
  }
  export = proxyaddr;
}
