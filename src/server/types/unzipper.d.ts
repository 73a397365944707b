/** The parts of unzipper (no bundled types) used here: the central directory and the streaming parser. */
declare module 'unzipper' {
  import type { Duplex, PassThrough } from 'node:stream';
  interface CentralDirectoryFile {
    path: string;
    type: 'File' | 'Directory';
    compressedSize: number;
    uncompressedSize: number;
  }
  interface CentralDirectory {
    files: CentralDirectoryFile[];
  }
  /** One entry of a zip read as a stream: its inflated bytes. */
  export interface ParseEntry extends PassThrough {
    path: string;
    type: 'File' | 'Directory';
    autodrain(): unknown;
  }
  const unzipper: {
    Open: { file(path: string): Promise<CentralDirectory> };
    /** A duplex: zip bytes in, `ParseEntry` objects out (with `forceStream`). */
    Parse(options: { forceStream: true }): Duplex;
  };
  export default unzipper;
}
