/**
 * The launcher's and panel's styles, inside the loader's shadow root (`:host{all:initial}` keeps
 * the page's inherited styles out). Classes: w wrapper, r on the left (rtl, or the site's position), n no launcher, o open,
 * l launcher, b unread badge, f the iframe. At phone width the open panel fills the screen.
 */
export const CSS = `:host{all:initial}
.w{position:fixed;z-index:2147483000;bottom:20px;right:20px;font:700 12px/1 system-ui,sans-serif}
.r{right:auto;left:20px}
.l{position:relative;display:block;width:56px;height:56px;border:0;border-radius:50%;padding:0;cursor:pointer;background:#1f5fd6;box-shadow:0 4px 14px rgba(0,0,0,.3)}
.l:focus-visible{outline:3px solid #1f5fd6;outline-offset:3px;box-shadow:0 0 0 3px #fff}
.l:before{content:"";position:absolute;left:15px;top:16px;width:26px;height:20px;border-radius:10px;background:#fff}
.l:after{content:"";position:absolute;left:19px;top:33px;border:6px solid transparent;border-top-color:#fff;border-left-color:#fff}
.o .l:before,.o .l:after{left:17px;top:27px;width:22px;height:3px;border:0;border-radius:2px;background:#fff;transform:rotate(45deg)}
.o .l:after{transform:rotate(-45deg)}
.b{position:absolute;top:-4px;right:-4px;min-width:12px;padding:4px 5px;border-radius:11px;background:#d93025;color:#fff;text-align:center}
.r .b{right:auto;left:-4px}
.b:empty{display:none}
.f{display:none;position:fixed;bottom:88px;right:20px;width:376px;height:min(640px,calc(100% - 108px));border:0;border-radius:12px;background:#fff;box-shadow:0 8px 32px rgba(0,0,0,.25)}
.r .f{right:auto;left:20px}
.n .f{bottom:20px;height:min(640px,calc(100% - 40px))}
.o .f{display:block}
@media (max-width:480px){.o .f{inset:0;width:100%;height:100%;border-radius:0}.o .l{display:none}}`;

/** Launcher label, iframe title, "unread", in English or Japanese (from `locale`, else the browser). */
export const strings = (locale: string): [string, string, string] =>
  /^ja\b/i.test(locale)
    ? ['チャットで問い合わせる', 'チャット', '件の未読']
    : ['Chat with us', 'Chat', 'unread'];
