/** The comment API against a real Waline on SQLite (temp data folder). */
import { defineApiSuite, defineModerationSuite } from '../comments/api-suite';

defineApiSuite('SQLite', async () => null);
defineModerationSuite('SQLite', async () => null);
