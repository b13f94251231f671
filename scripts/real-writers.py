#!/usr/bin/python3
"""Workbooks as real writers make them, for the tests (tests/cli/robustness.test.ts, tests/cli/fuzz.deep.test.ts).

Each holds the sample plan (samples/plan-2024.xlsx) plus what people's workbooks carry:
comments, data validation, conditional formats, defined names, hyperlinks, tables, charts,
a chart sheet, a picture, hidden and very hidden sheets; and LibreOffice's pivot table with
its cache (none of the Python writers makes one); and an .xlsm with a VBA project, by XlsxWriter
from the example project Debian's python3-xlsxwriter ships. Run with Debian's python3 (the
python3-openpyxl and python3-xlsxwriter packages) and LibreOffice; the files are committed,
so the tests need none of these tools.

    /usr/bin/python3 scripts/real-writers.py
"""
import os
import shutil
import subprocess
import tempfile
import zipfile

import openpyxl
import xlsxwriter
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, 'samples', 'plan-2024.xlsx')
OUT = os.path.join(ROOT, 'samples', 'real-writers')
ICON = os.path.join(ROOT, 'assets', 'icon-32.png')
# XlsxWriter embeds a VBA project but cannot make one: this is its own example, from its Debian package.
VBA = '/usr/share/doc/python3-xlsxwriter/examples/vbaProject.bin'


def plan_rows():
    ws = openpyxl.load_workbook(SAMPLE).worksheets[0]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    return ws.title, rows, [str(m) for m in ws.merged_cells.ranges]


def by_openpyxl(path):
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb.worksheets[0]
    ws['B3'].comment = Comment('Тайлбар: шалгасан', 'Хянагч')
    dv = DataValidation(type='list', formula1='"100,70,30,0"', allow_blank=True)
    ws.add_data_validation(dv)
    dv.add('H4:H22')
    ws.conditional_formatting.add('H4:H22', CellIsRule(operator='lessThan', formula=['50'], fill=PatternFill('solid', start_color='FFC7CE')))
    ws['A2'].hyperlink = 'https://ndaatgal.mn'
    wb.defined_names.append(DefinedName('Хүрээ', attr_text=f"'{ws.title}'!$A$1:$H$22"))
    data = wb.create_sheet('Өгөгдөл')
    data.append(['Нэгж', 'Тоо'])
    for i in range(1, 6):
        data.append([f'Нэгж {i}', i * 10])
    data.add_table(Table(displayName='Tbl1', ref='A1:B6'))
    chart = BarChart()
    chart.add_data(Reference(data, min_col=2, min_row=1, max_row=6), titles_from_data=True)
    data.add_chart(chart, 'D2')
    wb.create_sheet('Нуусан').sheet_state = 'hidden'
    wb.create_sheet('Маш нуусан').sheet_state = 'veryHidden'
    wb.save(path)


def by_xlsxwriter(path):
    title, rows, merges = plan_rows()
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet(title)
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is not None:
                ws.write_string(r, c, v) if isinstance(v, str) else ws.write(r, c, v)
    for m in merges:
        first, last = m.split(':')
        fr, fc = xlsxwriter.utility.xl_cell_to_rowcol(first)
        lr, lc = xlsxwriter.utility.xl_cell_to_rowcol(last)
        value = rows[fr][fc]
        ws.merge_range(fr, fc, lr, lc, '' if value is None else value)
    ws.write_comment('B3', 'Тайлбар: шалгасан')
    ws.data_validation('H4:H22', {'validate': 'list', 'source': ['100', '70', '30', '0']})
    ws.conditional_format('H4:H22', {'type': 'cell', 'criteria': '<', 'value': 50, 'format': wb.add_format({'bg_color': '#FFC7CE'})})
    ws.write_url('J1', 'https://ndaatgal.mn', string='НДЕГ')
    ws.insert_image('J3', ICON)
    wb.define_name('Хүрээ', f"='{title}'!$A$1:$H$22")
    data = wb.add_worksheet('Өгөгдөл')
    data.add_table('A1:B6', {'data': [[f'Нэгж {i}', i * 10] for i in range(1, 6)], 'columns': [{'header': 'Нэгж'}, {'header': 'Тоо'}]})
    chart = wb.add_chart({'type': 'column'})
    chart.add_series({'values': "='Өгөгдөл'!$B$2:$B$6", 'categories': "='Өгөгдөл'!$A$2:$A$6"})
    data.insert_chart('D2', chart)
    sheet_chart = wb.add_chart({'type': 'line'})
    sheet_chart.add_series({'values': "='Өгөгдөл'!$B$2:$B$6"})
    wb.add_chartsheet('График').set_chart(sheet_chart)
    wb.add_worksheet('Нуусан').hide()
    wb.close()


def by_libreoffice(source, path):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(['soffice', f'-env:UserInstallation=file://{tmp}/profile', '--headless', '--convert-to', 'xlsx', '--outdir', tmp, source], check=True, capture_output=True)
        produced = os.path.splitext(os.path.basename(source))[0] + '.xlsx'
        shutil.copyfile(os.path.join(tmp, produced), path)


def by_xlsxwriter_vba(path):
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet('Макро')
    ws.write_string('A1', 'Товч дарахад макро ажиллана')
    wb.add_vba_project(VBA)
    ws.insert_button('B3', {'macro': 'say_hello', 'caption': 'Сайн уу'})
    wb.close()


ODS_CONTENT = '''<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet>
<table:table table:name="Өгөгдөл">
<table:table-row><table:table-cell office:value-type="string"><text:p>Нэгж</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Тоо</text:p></table:table-cell></table:table-row>
{rows}
</table:table>
<table:table table:name="Пивот"><table:table-row><table:table-cell/></table:table-row></table:table>
<table:data-pilot-tables>
<table:data-pilot-table table:name="Пивот1" table:target-range-address="'Пивот'.A1:'Пивот'.B8">
<table:source-cell-range table:cell-range-address="'Өгөгдөл'.A1:'Өгөгдөл'.B7"/>
<table:data-pilot-field table:source-field-name="Нэгж" table:orientation="row"/>
<table:data-pilot-field table:source-field-name="Тоо" table:orientation="data" table:function="sum"/>
</table:data-pilot-table>
</table:data-pilot-tables>
</office:spreadsheet></office:body></office:document-content>'''

ODS_MANIFEST = '''<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>'''


def by_libreoffice_pivot(path):
    """A pivot table and its cache, as LibreOffice exports a data pilot described in a small ODS."""
    cell = '<table:table-cell office:value-type="{}"{}><text:p>{}</text:p></table:table-cell>'
    rows = ''.join(
        '<table:table-row>' + cell.format('string', '', f'Нэгж {i % 3 + 1}') + cell.format('float', f' office:value="{i * 10}"', i * 10) + '</table:table-row>'
        for i in range(1, 7)
    )
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, 'pivot.ods')
        with zipfile.ZipFile(source, 'w') as z:
            z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.oasis.opendocument.spreadsheet')
            z.writestr('content.xml', ODS_CONTENT.format(rows=rows), zipfile.ZIP_DEFLATED)
            z.writestr('META-INF/manifest.xml', ODS_MANIFEST, zipfile.ZIP_DEFLATED)
        by_libreoffice(source, path)


if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    by_openpyxl(os.path.join(OUT, 'openpyxl.xlsx'))
    by_xlsxwriter(os.path.join(OUT, 'xlsxwriter.xlsx'))
    by_libreoffice(os.path.join(OUT, 'xlsxwriter.xlsx'), os.path.join(OUT, 'libreoffice.xlsx'))
    by_libreoffice_pivot(os.path.join(OUT, 'libreoffice-pivot.xlsx'))
    by_xlsxwriter_vba(os.path.join(OUT, 'xlsxwriter-vba.xlsm'))
