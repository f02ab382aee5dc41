/**
 * Builds TFJS with only what person-segmentation graph models run: the converter's op
 * table, its executors, tfjs-core's ops and the WASM backend's kernels are cut down to
 * GRAPH_OPS and what those reach. TFJS documents the same idea as a "custom bundle"
 * (tfjs-custom-module); this does it at build time from one list, so the dev server and
 * tests keep the full library and only the shipped worker is slimmed. A model using an op
 * outside the list is refused at load ("Tensorflow Op is not supported"), which the
 * segmenter reports as `model-incompatible`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/**
 * TensorFlow op names the shipped bundle can run: everything the MediaPipe selfie and Meet
 * models use, plus the other ops common in convolutional image-to-mask networks (so a
 * compatible model by URL works too). The build fails if a model in assets/models needs more.
 */
export const GRAPH_OPS: readonly string[] = [
  // graph plumbing
  'Placeholder', 'PlaceholderWithDefault', 'Const', 'Identity', 'IdentityN', 'NoOp', 'StopGradient', 'Snapshot', 'Shape', 'Size', 'Rank',
  // arithmetic
  'Add', 'AddV2', 'AddN', 'BiasAdd', 'Sub', 'Mul', 'RealDiv', 'Div', 'DivNoNan', 'FloorDiv', 'FloorMod', 'Mod', 'Maximum', 'Minimum', 'Pow', 'SquaredDifference',
  // activations and element-wise maths
  'Abs', 'Ceil', 'Floor', 'Round', 'ClipByValue', 'Elu', 'Exp', 'Log', 'Neg', 'Reciprocal', 'Relu', 'Relu6', 'LeakyRelu', 'Prelu', 'Selu',
  'Sigmoid', 'Sqrt', 'Rsqrt', 'Square', 'Tanh', 'Softplus', 'Sign',
  // convolution and pooling
  'Conv2D', '_FusedConv2D', 'Conv2DBackpropInput', 'DepthwiseConv2d', 'DepthwiseConv2dNative', 'FusedDepthwiseConv2dNative', 'AvgPool', 'MaxPool',
  // resampling
  'ResizeBilinear', 'ResizeNearestNeighbor',
  // matrices and normalisation
  'MatMul', 'BatchMatMul', 'BatchMatMulV2', '_FusedMatMul', 'Transpose', 'FusedBatchNorm', 'FusedBatchNormV2', 'FusedBatchNormV3', 'Softmax', 'LogSoftmax',
  // reductions
  'Mean', 'Sum', 'Max', 'Min', 'ArgMax',
  // slicing and joining
  'ConcatV2', 'Concat', 'Pack', 'Unpack', 'Slice', 'StridedSlice', 'Split', 'SplitV', 'Tile', 'GatherV2', 'Gather', 'Reverse', 'ReverseV2',
  // shape
  'Cast', 'ExpandDims', 'Squeeze', 'Reshape', 'Pad', 'PadV2', 'MirrorPad', 'SpaceToBatchND', 'BatchToSpaceND', 'DepthToSpace', 'BroadcastTo',
  // creation and comparison
  'Fill', 'ZerosLike', 'OnesLike', 'Range', 'Equal', 'NotEqual', 'Greater', 'GreaterEqual', 'Less', 'LessEqual', 'LogicalAnd', 'Select', 'SelectV2',
];

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const stripMap = (code: string) => code.replace(/\n\/\/# sourceMappingURL=.*$/s, '\n');

/** A converter op table (`export const json = [...]`, an object literal) with only the kept ops, and the names it had. */
function filterOpTable(code: string, keep: ReadonlySet<string>): { code: string; names: string[] } {
  const literal = stripMap(code).replace(/^[\s\S]*?export const json =/, '').replace(/;\s*$/, '');
  const table = new Function(`return ${literal}`)() as Array<{ tfOpName: string }>;
  return {
    code: `export const json = ${JSON.stringify(table.filter((op) => keep.has(op.tfOpName)))};\n`,
    names: table.map((op) => op.tfOpName),
  };
}

/**
 * A converter executor with the `case` groups of dropped ops removed. The executors are
 * one `switch (node.op)` each, with labels at a fixed indent; a group is the run of labels
 * before one body.
 */
function filterExecutor(code: string, keep: ReadonlySet<string>): string {
  const lines = stripMap(code).split('\n');
  const label = /^        case '([\w]+)':/;
  const groupEnd = /^        (case '|default:)/;
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    if (!label.test(lines[i]!)) {
      out.push(lines[i++]!);
      continue;
    }
    const start = i;
    const names: string[] = [];
    while (i < lines.length && label.test(lines[i]!)) {
      const match = label.exec(lines[i]!)!;
      names.push(match[1]!);
      // A label with its body on the same line ("case 'X': {") ends the run of labels.
      i++;
      if (!/:\s*$/.test(lines[i - 1]!)) break;
    }
    while (i < lines.length && !groupEnd.test(lines[i]!)) i++;
    if (names.some((name) => keep.has(name))) out.push(...lines.slice(start, i));
  }
  return out.join('\n');
}

/** `export { a, b as c } from './x'` and `import { a } from './x'` pairs of a module. */
function namedBindings(code: string, keyword: 'export' | 'import'): Array<{ name: string; from: string }> {
  const found: Array<{ name: string; from: string }> = [];
  for (const match of code.matchAll(new RegExp(`^${keyword} \\{([^}]*)\\} from '([^']+)';`, 'gm'))) {
    for (const part of match[1]!.split(',')) {
      const [, local] = /(\w+)\s*$/.exec(part.trim()) ?? [];
      if (local) found.push({ name: local, from: match[2]! });
    }
  }
  return found;
}

interface Subset {
  readonly modules: Map<string, string>;
  readonly opsForConverter: string;
}

function computeSubset(keep: ReadonlySet<string>, ours: string): Subset {
  const converter = join(packageDir('@tensorflow/tfjs-converter'), 'dist');
  const core = join(packageDir('@tensorflow/tfjs-core'), 'dist');
  const wasm = join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist');
  const modules = new Map<string, string>();

  const known = new Set<string>();
  for (const file of readdirSync(join(converter, 'operations/op_list')).filter((f) => f.endsWith('.js'))) {
    const path = join(converter, 'operations/op_list', file);
    const { code, names } = filterOpTable(readFileSync(path, 'utf8'), keep);
    modules.set(path, code);
    for (const name of names) known.add(name);
  }
  // A name the converter does not know is a typo here, or TFJS changed its layout.
  const unknown = [...keep].filter((op) => !known.has(op));
  if (unknown.length) throw new Error(`tfjs-graph-subset: the TFJS converter has no op ${unknown.join(', ')}`);

  // The tfjs-core ops the kept executor cases call, as `ops.name` or `ops.namespace.name`.
  const called = new Set<string>();
  for (const file of readdirSync(join(converter, 'operations/executors')).filter((f) => f.endsWith('_executor.js'))) {
    const path = join(converter, 'operations/executors', file);
    const filtered = filterExecutor(readFileSync(path, 'utf8'), keep);
    modules.set(path, filtered);
    for (const match of filtered.matchAll(/\bops\.(\w+)(?:\.(\w+))?/g)) called.add(match[2] ? `${match[1]}.${match[2]}` : match[1]!);
  }

  // Where each op's module is, for ops.js's own ops and for its namespace objects' members.
  const opsCode = readFileSync(join(core, 'ops/ops.js'), 'utf8');
  const source = new Map<string, string>();
  for (const { name, from } of [...namedBindings(opsCode, 'export'), ...namedBindings(opsCode, 'import')]) source.set(name, join(core, 'ops', `${from}.js`));
  for (const [, from] of opsCode.matchAll(/^export \* from '([^']+)';/gm)) {
    const path = join(core, 'ops', `${from}.js`);
    for (const [, name] of readFileSync(path, 'utf8').matchAll(/^export (?:const|function) (\w+)/gm)) source.set(name!, path);
  }
  const fusedSource = new Map<string, string>();
  for (const { name, from } of namedBindings(readFileSync(join(core, 'ops/fused_ops.js'), 'utf8'), 'import')) fusedSource.set(name, join(core, 'ops', `${from}.js`));
  const moduleOf = (name: string): string => {
    const [space, member] = name.split('.') as [string, string | undefined];
    const path = member ? (space === 'fused' ? fusedSource : source).get(member) : source.get(space);
    if (!path) throw new Error(`tfjs-graph-subset: no module found for ops.${name}`);
    return path;
  };

  // The replacement for ops_for_converter: the called ops, namespaces holding only the called members.
  const lines: string[] = [];
  const namespaces = new Map<string, string[]>();
  const topLevel: string[] = [];
  for (const name of called) {
    const [space, member] = name.split('.') as [string, string | undefined];
    if (member) namespaces.set(space, [...(namespaces.get(space) ?? []), member]);
    else topLevel.push(name);
  }
  lines.push(`export { ${topLevel.join(', ')} } from '${join(core, 'ops/ops.js')}';`);
  for (const [space, members] of namespaces) {
    for (const member of members) lines.push(`import { ${member} as ${space}_${member} } from '${moduleOf(`${space}.${member}`)}';`);
    lines.push(`export const ${space} = { ${members.map((m) => `${m}: ${space}_${m}`).join(', ')} };`);
  }

  // The kernels those ops (and everything else that calls into tfjs-core) can run: every
  // kernel-name constant imported along the op modules' import graph. An over-estimate is
  // harmless; a missing kernel would fail at run time, so the seeds are generous.
  const kernelNames = new Set([...readFileSync(join(core, 'kernel_names.js'), 'utf8').matchAll(/^export const (\w+) = /gm)].map((m) => m[1]!));
  const kernels = new Set<string>(['Cast', 'Identity', 'Reshape', 'Add']);
  const visited = new Set<string>();
  const visit = (path: string) => {
    if (visited.has(path)) return;
    visited.add(path);
    let code: string;
    try {
      code = readFileSync(path, 'utf8');
    } catch {
      return;
    }
    for (const { name, from } of namedBindings(code, 'import')) {
      if (from.endsWith('kernel_names') && kernelNames.has(name)) kernels.add(name);
      else if (from.startsWith('.')) visit(join(dirname(path), `${from}.js`));
    }
  };
  const opFiles = [...called].map(moduleOf);
  // Seeds outside the executors: the converter's and tfjs-core's own named imports of ops.
  for (const dir of [join(converter, 'executor'), join(converter, 'operations')]) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
      for (const { name, from } of namedBindings(readFileSync(join(dir, file), 'utf8'), 'import')) {
        if (from === '@tensorflow/tfjs-core' && source.has(name)) opFiles.push(source.get(name)!);
      }
    }
  }
  // …and ours (`tf.softmax(…)` and the like in src/inference).
  for (const file of readdirSync(ours).filter((f) => f.endsWith('.ts'))) {
    for (const [, name] of readFileSync(join(ours, file), 'utf8').matchAll(/\btf\.(\w+)\(/g)) if (source.has(name!)) opFiles.push(source.get(name!)!);
  }
  for (const file of [...opFiles, join(core, 'base_side_effects.js'), join(core, 'engine.js')]) visit(file);

  // The WASM backend registers only those kernels.
  const registry = readFileSync(join(wasm, 'register_all_kernels.js'), 'utf8');
  const configs = namedBindings(registry, 'import').filter(({ from }) => from.startsWith('./kernels/'));
  // Each kernel's module is named after it (kernels/Conv2D.js registers 'Conv2D').
  const registered = configs.filter(({ from }) => kernels.has(from.replace('./kernels/', '')));
  modules.set(
    join(wasm, 'register_all_kernels.js'),
    [
      `import { registerKernel } from '@tensorflow/tfjs-core';`,
      ...registered.map(({ name, from }) => `import { ${name} } from '${from}';`),
      `for (const config of [${registered.map((r) => r.name).join(', ')}]) registerKernel(config);`,
    ].join('\n'),
  );

  // tfjs-core's index minus the optimizer registry, as TFJS's own custom bundles do it.
  modules.set(join(core, 'index.js'), `import './base_side_effects';\nexport * from './base';\n`);
  return { modules, opsForConverter: lines.join('\n') };
}

const OPS_FOR_CONVERTER = '\0tfjs-ops-for-converter';

export function tfjsGraphSubset(ops: readonly string[] = GRAPH_OPS): Plugin {
  let subset: Subset | undefined;
  let root = process.cwd();
  return {
    name: 'tfjs-graph-subset',
    apply: 'build',
    enforce: 'pre',
    configResolved(config) {
      root = config.root;
    },
    buildStart() {
      const keep = new Set(ops);
      const models = join(root, 'assets/models');
      for (const file of readdirSync(models).filter((f) => f.endsWith('.json'))) {
        const graph = JSON.parse(readFileSync(join(models, file), 'utf8')) as { modelTopology?: { node?: Array<{ op: string }> } };
        const missing = (graph.modelTopology?.node ?? []).map((node) => node.op).filter((op) => !keep.has(op));
        if (missing.length) this.error(`assets/models/${file} uses ops outside GRAPH_OPS: ${[...new Set(missing)].join(', ')}`);
      }
      subset ??= computeSubset(keep, join(root, 'src/inference'));
    },
    resolveId(source) {
      return source === '@tensorflow/tfjs-core/dist/ops/ops_for_converter' ? OPS_FOR_CONVERTER : null;
    },
    load(id) {
      if (id === OPS_FOR_CONVERTER) return subset!.opsForConverter;
      return subset!.modules.get(id.split('?')[0]!) ?? null;
    },
  };
}
