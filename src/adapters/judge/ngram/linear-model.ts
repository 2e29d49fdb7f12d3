import { FEATURE_BITS, type Features } from "./features.js";

/** Weights of one head: `classes` rows over 2^FEATURE_BITS hashed features, row-major. */
export interface Head {
  classes: number;
  weights: Float32Array;
}

export const FEATURES = 1 << FEATURE_BITS;

export function emptyHead(classes: number): Head {
  return { classes, weights: new Float32Array(classes * FEATURES) };
}

function scores(head: Head, x: Features): number[] {
  const out = new Array<number>(head.classes).fill(0);
  for (let c = 0; c < head.classes; c++) {
    const row = c * FEATURES;
    let sum = 0;
    for (const i of x.indices) sum += head.weights[row + i]!;
    out[c] = sum * x.value;
  }
  return out;
}

/** One class: the sigmoid of the score. */
export function probability(head: Head, x: Features): number {
  return 1 / (1 + Math.exp(-scores(head, x)[0]!));
}

/** Several classes: softmax over the scores. */
export function distribution(head: Head, x: Features): number[] {
  const s = scores(head, x);
  const top = Math.max(...s);
  const e = s.map((v) => Math.exp(v - top));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}

export interface TrainingOptions {
  epochs: number;
  /** AdaGrad's step size. */
  rate: number;
  /** L2 penalty per step, against memorising rare features. */
  l2: number;
  seed: number;
}

/** A small deterministic PRNG (mulberry32), so `npm run train` rebuilds the same model. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Logistic regression (softmax for several classes) by stochastic gradient descent with
 * AdaGrad steps. `labels[k]` is the class of example k; `weights[k]` evens out rare classes.
 */
export function train(
  examples: Features[],
  labels: number[],
  classes: number,
  sampleWeights: number[],
  options: TrainingOptions,
): Head {
  const binary = classes === 1;
  const head = emptyHead(classes);
  const squared = new Float32Array(head.weights.length).fill(1e-8);
  const next = random(options.seed);
  const order = examples.map((_, k) => k);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let k = order.length - 1; k > 0; k--) {
      const j = Math.floor(next() * (k + 1));
      [order[k], order[j]] = [order[j]!, order[k]!];
    }
    for (const k of order) {
      const x = examples[k]!;
      const predicted = binary ? [probability(head, x)] : distribution(head, x);
      for (let c = 0; c < classes; c++) {
        const target = binary ? labels[k]! : labels[k] === c ? 1 : 0;
        const error = (predicted[c]! - target) * sampleWeights[k]!;
        const row = c * FEATURES;
        for (const i of x.indices) {
          const at = row + i;
          const gradient = error * x.value + options.l2 * head.weights[at]!;
          squared[at] = squared[at]! + gradient * gradient;
          head.weights[at] = head.weights[at]! - (options.rate * gradient) / Math.sqrt(squared[at]!);
        }
      }
    }
  }
  return head;
}
