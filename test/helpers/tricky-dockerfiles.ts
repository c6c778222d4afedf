/**
 * Dockerfiles shaped to trip parsers: escapes and continuations, comments inside instructions, CRLFs,
 * heredocs, flags, exec forms, ONBUILD, a byte order mark, text that ends mid-instruction; and a
 * generator of such text. The tests that hold Shipshape's own readings to dockerfile-ast's
 * (arguments.test.ts, parse.test.ts) run over both.
 */
import fc from 'fast-check';

export const TRICKY_DOCKERFILES: readonly string[] = [
  'FROM alpine\nRUN apt-get update && \\\napt-get install -y curl\n',
  'FROM alpine\nRUN echo a \\ \n  # a comment\n  b \\\t\r\n  c\r\n',
  '# escape=`\nFROM mcr.microsoft.com/windows\nRUN echo `\n  C:\\path `\n  done\n',
  'FROM alpine\nRUN --mount=type=cache,target=/root/.cache --network=none pip install x\n',
  'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nCOPY --from=build --chown=1:1 --link /a /b\n',
  'FROM alpine\nHEALTHCHECK --interval=5s --timeout=3s CMD wget -q -O- http://localhost/ || exit 1\nHEALTHCHECK NONE\n',
  'FROM alpine\nCMD ["a", "b"]\nENTRYPOINT --not-a-flag x\nSHELL ["/bin/sh", "-c"]\n',
  'FROM alpine\nRUN a--b --flag x\nCOPY --chmod=\\=755 a b\nADD --x= y z\n',
  'FROM alpine\nRUN echo \\$HOME \\\\ \\\n\\\n\n  done\\',
  'FROM alpine\nENV A=1 \\\n    B="two words" \\\n#c\n    C=3\nLABEL a=b\nARG X\n',
  'FROM alpine\nRUN <<EOF\necho hi\nEOF\nCOPY <<"EOF" /x\ncontent\nEOF\n',
  'FROM alpine\r\nRUN a \\\r\n b \\ \r\n c\r\nUSER 1000\r\n',
  'FROM alpine\nRUN \\\n\n',
  'FROM alpine\nRUN echo one \\\n   \\\n two\n',
  'FROM alpine\nEXPOSE 80 \\ 443\nWORKDIR /a\\ b\nONBUILD RUN --x y\n',
  '',
  '\uFEFFFROM alpine\n',
  '# escape=`\n# syntax=docker/dockerfile:1\nFROM mcr.microsoft.com/windows\nRUN echo `\n  done\n',
  'FROM alpine\nRUN <<EOF\necho hi\nEOF\nCOPY <<"EOF" /x\ncontent\nEOF\nADD <<-EOT /y\n\tz\n\tEOT\n',
  'FROM alpine\nRUN --mount=type=cache,target=/c <<EOF bash\nset -e\nEOF\n',
  'FROM alpine\nRUN <<A <<B\na\nA\nb\nB\n',
  'FROM alpine\nRUN cat <<EOF | sh\necho\nEOF\n',
  'FROM alpine\nONBUILD RUN <<EOF\necho hi\nEOF\nONBUILD COPY <<X /x\nx\nX\nONBUILD\n',
  'FROM alpine\nCMD ["a", "b"]\nENTRYPOINT []\nSHELL ["/bin/sh", "-c"]\nHEALTHCHECK CMD ["x"]\n',
  'FROM alpine\nRUN echo a \\\n  # a comment\n  b\n# tail\n',
  'FROM alpine\r\nRUN a \\\r\n b\r\nUSER 1000\r\n',
  'FROM alpine\nRUN <<EOF',
  'FROM alpine\nRUN <<',
  'FROM alpine\nCOPY <<EOF\n',
  'run echo\nfrom x\nOnBuild run y\n',
  // dockerfile-ast's getHeredocs throws on this one
  'FROM alpine\nRUN \\ \n\\# c\n',
];

/** The pieces `trickyDockerfile` strings together: keywords, blanks and line ends, escapes, comments, flags, heredoc markers, JSON. */
const PIECES = [
  'RUN', 'COPY', 'ADD', 'FROM', 'ONBUILD', 'CMD', 'ENTRYPOINT', 'SHELL', 'HEALTHCHECK', 'ENV', 'ARG', 'USER', 'run', 'copy',
  ' ', ' ', '\t', '\n', '\n', '\r\n', '\r', '\\', '\\\n', '\\ \n', '\\\r\n', '`', '`\n', '#', '# c\n', '\n#x\n', '# escape=`\n',
  '--', '--from=a', '--mount=type=cache', '=', 'NONE', 'x', 'abc', '"q w"', '"a"', '"', '$', '${A}', '|', '&&',
  '<<EOF', '<<-EOF', '<<"EOF"', "<<'X'", 'EOF', '\nEOF\n', 'X', '\tEOF', '[', ']', ',',
];

/** A stage of up to 50 pieces after `FROM alpine`, sometimes under `# escape=\``. */
export const trickyDockerfile: fc.Arbitrary<string> = fc
  .tuple(fc.boolean(), fc.array(fc.constantFrom(...PIECES), { maxLength: 50 }))
  .map(([backtick, pieces]) => (backtick ? '# escape=`\n' : '') + 'FROM alpine\n' + pieces.join(''));
