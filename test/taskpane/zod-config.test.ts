/** The pages' zod setting (src/taskpane/zodConfig.ts, made without importing zod) is the one zod uses. */
import "../../src/taskpane/zodConfig";
import { z } from "zod";

test("zod runs jitless after the pages' zodConfig", () => {
  expect(z.config().jitless).toBe(true);
});
