import { BatonError } from "../core/errors/baton-error.js";

/** A start-up problem, said in one line that names the variable and what it expects. */
export class ConfigError extends BatonError {
  constructor(message: string) {
    super("config_invalid", message);
  }
}
