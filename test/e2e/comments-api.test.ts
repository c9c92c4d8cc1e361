/** The comment API against a real Waline on SQLite (temp data folder). */
import { defineApiSuite, defineCapRaceSuite, defineModerationSuite, defineRetentionSuite } from '../comments/api-suite';

defineApiSuite('SQLite', async () => null);
defineModerationSuite('SQLite', async () => null);
defineCapRaceSuite('SQLite', async () => null);
defineRetentionSuite('SQLite', async () => null);
