"""A real SMTP server on loopback for the tests: aiosmtpd, storing every
message it accepts into a Maildir, with optional STARTTLS, login, and
replies that refuse some recipients as a remote server would, by the local
part: tempfail-* 451, reject-* 550 5.1.1, full-* 552 5.2.2, toobig-* 552
5.3.4 after the data, flaky-* 451 on the first try and 550 after, slow-*
(slowN-*) keeps the message at once but answers the first try only after a
minute (N seconds): a client killed meanwhile leaves the server with a
message it never heard accepted, another tix may act meanwhile; and senders whose local part starts with refused- are
refused at MAIL FROM.

usage: smtp_server.py PORT MAILDIR [--tls CERT KEY] [--login USER PASSWORD]
"""
import asyncio
import mailbox
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Keep:
    def __init__(self, path):
        self.box = mailbox.Maildir(path, create=True)
        self.tries = {}

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if address.split("@")[0].lower().startswith("refused"):
            return "553 5.7.1 <%s>: Sender address rejected: not permitted" % address
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local.startswith("tempfail"):
            return "451 4.3.0 try again later"
        if local.startswith("reject"):
            return "550 5.1.1 no such user here"
        if local.startswith("full"):
            return "552 5.2.2 <%s>: mailbox full, quota exceeded" % address
        if local.startswith("flaky"):
            self.tries[address] = self.tries.get(address, 0) + 1
            if self.tries[address] == 1:
                return "451 4.2.1 <%s>: mailbox temporarily unavailable" % address
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if any(a.split("@")[0].lower().startswith("toobig") for a in envelope.rcpt_tos):
            return "552 5.3.4 Message size exceeds fixed limit"
        data = envelope.original_content or envelope.content
        header = ("X-Test-Envelope-From: %s\r\nX-Test-Envelope-To: %s\r\n" % (
            envelope.mail_from, ",".join(envelope.rcpt_tos))).encode()
        self.box.add(header + data)
        slow = [a for a in envelope.rcpt_tos if a.split("@")[0].lower().startswith("slow")]
        if slow and self.tries.get(("data",) + tuple(slow), 0) == 0:
            self.tries[("data",) + tuple(slow)] = 1
            digits = slow[0].split("@")[0][4:].split("-")[0]
            await asyncio.sleep(int(digits) if digits.isdigit() else 60)
        return "250 Message accepted"


def main():
    port, path = int(sys.argv[1]), sys.argv[2]
    args = sys.argv[3:]
    kwargs = {}
    if "--tls" in args:
        i = args.index("--tls")
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(args[i + 1], args[i + 2])
        kwargs["tls_context"] = ctx
        kwargs["require_starttls"] = True
    if "--login" in args:
        i = args.index("--login")
        user, password = args[i + 1].encode(), args[i + 2].encode()

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login == user and auth_data.password == password
            return AuthResult(success=ok, handled=False)

        kwargs["authenticator"] = authenticator
        kwargs["auth_required"] = True
        kwargs["auth_require_tls"] = "--tls" in args
    controller = Controller(Keep(path), hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
