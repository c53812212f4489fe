// A connect() with a context object, then one without (line 9), then the string form.
void wire(QObject *sender, QObject *receiver)
{
    QObject::connect(sender, &QObject::destroyed, receiver, [] {});
    const char *text = "connect(a, b, c)"; // in a string: not code
    // connect(sender, &QObject::destroyed, [] {}); in a comment: not code
    QObject::connect(sender, &QObject::destroyed, receiver,
                     [receiver] { receiver->deleteLater(); });
    connect(sender, &QObject::destroyed, [sender](QObject *) {
        qDebug() << sender;
    });
    connect(sender, SIGNAL(destroyed()), SLOT(deleteLater()));
}

// The member-call form without a context object (line 18) is caught too.
void wireTimer(QTimer *timer)
{
    timer->connect(timer, &QTimer::timeout, [] {});
}
