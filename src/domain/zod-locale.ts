import { z } from 'zod';
import { plainMessage } from './plain-messages';

/** Zod's messages in plain Chinese; imported once by the server and by the web app. */
z.config({ localeError: plainMessage });
