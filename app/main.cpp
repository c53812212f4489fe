#include "CommandLine.h"
#include "MainWindow.h"
#include "Resources.h"
#include "TimelineStore.h"

#include <QApplication>
#include <QFile>
#include <QMessageBox>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication::setApplicationName(QStringLiteral("warroom"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WARROOM_VERSION));

    // Subcommands must run on machines without a display, so they never create a QApplication.
    {
        QCoreApplication probe(argc, argv);
        const warroom::CommandLine cl = warroom::parseCommandLine(QCoreApplication::arguments());
        switch (cl.mode) {
        case warroom::CommandLine::Mode::Exit:
            return cl.exitCode;
        case warroom::CommandLine::Mode::Validate:
            return warroom::runValidate(cl.checklists);
        case warroom::CommandLine::Mode::ListIncidents:
            return warroom::runListIncidents(cl.dbPath);
        case warroom::CommandLine::Mode::Gui:
            break;
        }
    }

    QApplication app(argc, argv);
    warroom::initResources();
    const warroom::CommandLine cl = warroom::parseCommandLine(QApplication::arguments());
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/warroom.svg")));
    QFile style(QStringLiteral(":/styles/warroom.qss"));
    if (style.open(QIODevice::ReadOnly))
        app.setStyleSheet(QString::fromUtf8(style.readAll()));

    warroom::TimelineStore store;
    QString error;
    if (!store.open(cl.dbPath, &error)) {
        QTextStream(stderr) << "warroom: " << error << "\n";
        QMessageBox::critical(nullptr, QStringLiteral("Rollback War Room"), error);
        return 1;
    }
    warroom::MainWindow window(store, cl.checklists);
    window.show();
    window.start(cl.incident);
    return app.exec();
}
