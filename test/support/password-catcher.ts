import { createServer, type Server, type Socket } from 'node:net';
import { onTestFinished } from 'vitest';

/**
 * A server on loopback that speaks just enough of the PostgreSQL protocol to look like a database
 * that asks for a clear-text password: it keeps every password a client sends, then lets the client
 * in and answers every query with one row `present = true`. It stands for a server the officer
 * did not give their password to, so a test can see whether a saved password ever reaches it.
 */
export async function startPasswordCatcher(): Promise<{ port: number; received: string[] }> {
  const received: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    serve(socket, received);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, received };
}

function serve(socket: Socket, received: string[]): void {
  let buffer = Buffer.alloc(0);
  let started = false;
  socket.on('error', () => undefined);
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      if (!started) {
        if (buffer.length < 4) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        buffer = buffer.subarray(length);
        started = true;
        socket.write(message('R', int32(3))); // AuthenticationCleartextPassword
        continue;
      }
      if (buffer.length < 5) return;
      const type = String.fromCharCode(buffer[0] ?? 0);
      const length = buffer.readInt32BE(1);
      if (buffer.length < 1 + length) return;
      const body = buffer.subarray(5, 1 + length);
      buffer = buffer.subarray(1 + length);
      if (type === 'p') {
        received.push(body.subarray(0, body.indexOf(0)).toString('utf8'));
        socket.write(Buffer.concat([message('R', int32(0)), ready()]));
      } else if (type === 'Q') {
        socket.write(Buffer.concat([rowDescription(), dataRow(), complete(), ready()]));
      } else if (type === 'S') {
        // Prepared statements (parse, bind, execute, then sync) are refused: the catcher has no data.
        socket.write(Buffer.concat([refusal(), ready()]));
      } else if (type === 'X') {
        socket.end();
        return;
      }
    }
  });
}

function int32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(value);
  return b;
}

function int16(value: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeInt16BE(value);
  return b;
}

function message(type: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(type), int32(body.length + 4), body]);
}

function cstring(text: string): Buffer {
  return Buffer.concat([Buffer.from(text), Buffer.from([0])]);
}

function refusal(): Buffer {
  const fields = Buffer.concat([
    Buffer.from('S'),
    cstring('ERROR'),
    Buffer.from('C'),
    cstring('XX000'),
    Buffer.from('M'),
    cstring('not a real database'),
    Buffer.from([0]),
  ]);
  return message('E', fields);
}

function ready(): Buffer {
  return message('Z', Buffer.from('I'));
}

function rowDescription(): Buffer {
  // One boolean column "present": table oid, column number, type oid 16, size 1, modifier, text.
  return message(
    'T',
    Buffer.concat([
      int16(1),
      cstring('present'),
      int32(0),
      int16(0),
      int32(16),
      int16(1),
      int32(-1),
      int16(0),
    ]),
  );
}

function dataRow(): Buffer {
  return message('D', Buffer.concat([int16(1), int32(1), Buffer.from('t')]));
}

function complete(): Buffer {
  return message('C', cstring('SELECT 1'));
}
