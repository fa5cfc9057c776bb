#pragma once

#include <QStringList>

class QTableWidget;
class QWidget;

namespace telerad {

/// A read-only table that lists things one per row (jobs, nodes, studies found): whole-row
/// single selection, no row numbers, the last column taking the spare width.
QTableWidget* makeListTable(const QStringList& headers, QWidget* parent);

}  // namespace telerad
