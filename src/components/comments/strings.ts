/**
 * The keys (under "comments." in content/ui/<locale>.json) of every string the
 * comments widget shows. Comments.astro renders them into the widget's
 * data-strings attribute; widget.ts reads them with t(). A key missing from
 * the locale file fails the build (src/lib/ui.ts).
 */
export const WIDGET_STRINGS = [
  'form_title',
  'replying',
  'cancel_reply',
  'name',
  'name_hint',
  'email',
  'email_hint',
  'comment',
  'post',
  'sending_button',
  'sending',
  'note',
  'list_title',
  'list_title_count',
  'order',
  'newest',
  'oldest',
  'more',
  'try_again',
  'count',
  'count_over',
  'err_unreachable',
  'err_down',
  'err_broken',
  'err_refused',
  'err_unknown',
  'need_name',
  'name_too_long',
  'bad_email',
  'need_comment',
  'too_long',
  'check_fields',
  'posted',
  'not_posted_retry',
  'not_posted',
  'load_failed',
  'empty',
  'anonymous',
  'reply',
  'reply_to',
  'replies_to',
  'date_locale',
  'err_cap_reader',
  'err_cap_paused',
] as const;

export type WidgetString = (typeof WIDGET_STRINGS)[number];
