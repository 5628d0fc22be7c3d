package io.shopplatform.user;

import io.shopplatform.testing.DataTier;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A recipient's mailbox on the local mail server, read over IMAP as a mail client would (the server makes a mailbox
 * for every address it receives for; login and password are the address).
 */
public final class Mailbox {

    /** One received mail. */
    public record Mail(String from, String subject, String text) {}

    private final String address;
    private final String host;
    private final int port;

    public Mailbox(String address) {
        this.address = address;
        Properties tier = new Properties();
        try (InputStream in = Files.newInputStream(DataTier.shared().home().resolve("tier.properties"))) {
            tier.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String imap = tier.getProperty("mail.imap");
        if (imap == null) {
            throw new IllegalStateException("no local mail server in tier.properties: run ./platform up --data-only");
        }
        this.host = imap.substring(0, imap.lastIndexOf(':'));
        this.port = Integer.parseInt(imap.substring(imap.lastIndexOf(':') + 1));
    }

    /** Every mail in the inbox; none while the server has no mailbox for the address yet. */
    public List<Mail> inbox() {
        Properties p = new Properties();
        p.put("mail.imap.connectiontimeout", "5000");
        p.put("mail.imap.timeout", "5000");
        try {
            Store store = Session.getInstance(p).getStore("imap");
            try {
                store.connect(host, port, address, address);
            } catch (jakarta.mail.AuthenticationFailedException e) {
                return List.of();   // no mail has reached this address yet
            }
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                List<Mail> mails = new ArrayList<>();
                for (Message m : inbox.getMessages()) {
                    mails.add(new Mail(m.getFrom()[0].toString(), m.getSubject(), m.getContent().toString()));
                }
                inbox.close(false);
                return mails;
            } finally {
                store.close();
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot read the mailbox of " + address, e);
        }
    }
}
