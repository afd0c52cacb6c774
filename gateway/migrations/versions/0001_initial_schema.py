"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 23:55:10.688211
"""

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('billing_entities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_billing_entities')),
    sa.UniqueConstraint('code', name=op.f('uq_billing_entities_code'))
    )
    op.create_table('contracts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('level', sa.String(length=64), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contracts')),
    sa.UniqueConstraint('code', name=op.f('uq_contracts_code'))
    )
    op.create_table('products',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sku', sa.String(length=64), nullable=False),
    sa.Column('manufacturer', sa.String(length=128), nullable=False),
    sa.Column('manufacturer_part_id', sa.String(length=64), nullable=False),
    sa.Column('publisher', sa.String(length=128), nullable=False),
    sa.Column('category', sa.String(length=64), nullable=False),
    sa.Column('unspsc', sa.String(length=16), nullable=False),
    sa.Column('unit', sa.String(length=3), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('lead_time_days', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_products')),
    sa.UniqueConstraint('sku', name=op.f('uq_products_sku'))
    )
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_products_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_products_manufacturer'), ['manufacturer'], unique=False)

    op.create_table('addresses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('address_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('street', sa.String(length=200), nullable=False),
    sa.Column('postal_code', sa.String(length=16), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['billing_entities.id'], name=op.f('fk_addresses_entity_id_billing_entities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_addresses')),
    sa.UniqueConstraint('entity_id', 'kind', 'address_id', name=op.f('uq_addresses_entity_id_kind_address_id'))
    )
    op.create_table('catalog_exports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('format', sa.String(length=8), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('item_count', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['billing_entities.id'], name=op.f('fk_catalog_exports_entity_id_billing_entities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalog_exports'))
    )
    op.create_table('catalog_policies',
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('include_manufacturers', sa.JSON(), nullable=False),
    sa.Column('exclude_manufacturers', sa.JSON(), nullable=False),
    sa.Column('include_publishers', sa.JSON(), nullable=False),
    sa.Column('exclude_publishers', sa.JSON(), nullable=False),
    sa.Column('include_categories', sa.JSON(), nullable=False),
    sa.Column('exclude_categories', sa.JSON(), nullable=False),
    sa.Column('include_languages', sa.JSON(), nullable=False),
    sa.Column('exclude_languages', sa.JSON(), nullable=False),
    sa.Column('off_contract', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['billing_entities.id'], name=op.f('fk_catalog_policies_entity_id_billing_entities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('entity_id', name=op.f('pk_catalog_policies'))
    )
    op.create_table('contract_entities',
    sa.Column('contract_id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['contract_id'], ['contracts.id'], name=op.f('fk_contract_entities_contract_id_contracts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entity_id'], ['billing_entities.id'], name=op.f('fk_contract_entities_entity_id_billing_entities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('contract_id', 'entity_id', name=op.f('pk_contract_entities'))
    )
    with op.batch_alter_table('contract_entities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contract_entities_entity_id'), ['entity_id'], unique=False)

    op.create_table('favourites_lists',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('owner', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('is_landing', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['billing_entities.id'], name=op.f('fk_favourites_lists_entity_id_billing_entities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_favourites_lists')),
    sa.UniqueConstraint('entity_id', 'owner', 'name', name=op.f('uq_favourites_lists_entity_id_owner_name'))
    )
    op.create_table('price_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contract_id', sa.Integer(), nullable=False),
    sa.Column('rule_key', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('scope', sa.String(length=16), nullable=False),
    sa.Column('scope_value', sa.String(length=128), nullable=False),
    sa.ForeignKeyConstraint(['contract_id'], ['contracts.id'], name=op.f('fk_price_rules_contract_id_contracts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_price_rules')),
    sa.UniqueConstraint('contract_id', 'rule_key', name=op.f('uq_price_rules_contract_id_rule_key'))
    )
    op.create_table('product_prices',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('list_price', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('cost', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_prices_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('product_id', 'currency', name=op.f('pk_product_prices'))
    )
    op.create_table('product_texts',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('description', sa.String(length=512), nullable=False),
    sa.Column('long_description', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_texts_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('product_id', 'language', name=op.f('pk_product_texts'))
    )
    op.create_table('trading_partners',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('protocol', sa.String(length=8), nullable=False),
    sa.Column('flavour', sa.String(length=16), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('return_url_prefixes', sa.JSON(), nullable=False),
    sa.Column('outbound_url', sa.String(length=500), nullable=False),
    sa.Column('settings', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['billing_entities.id'], name=op.f('fk_trading_partners_entity_id_billing_entities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trading_partners')),
    sa.UniqueConstraint('name', name=op.f('uq_trading_partners_name'))
    )
    op.create_table('catalog_export_items',
    sa.Column('export_id', sa.Integer(), nullable=False),
    sa.Column('sku', sa.String(length=64), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['export_id'], ['catalog_exports.id'], name=op.f('fk_catalog_export_items_export_id_catalog_exports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('export_id', 'sku', name=op.f('pk_catalog_export_items'))
    )
    op.create_table('favourite_items',
    sa.Column('list_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=18, scale=3), nullable=False),
    sa.ForeignKeyConstraint(['list_id'], ['favourites_lists.id'], name=op.f('fk_favourite_items_list_id_favourites_lists'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_favourite_items_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('list_id', 'product_id', name=op.f('pk_favourite_items'))
    )
    op.create_table('orders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.String(length=100), nullable=False),
    sa.Column('payload_id', sa.String(length=250), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=8), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('order_date', sa.DateTime(timezone=True), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('total', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('ship_to', sa.JSON(), nullable=False),
    sa.Column('bill_to', sa.JSON(), nullable=False),
    sa.Column('flags', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['billing_entities.id'], name=op.f('fk_orders_entity_id_billing_entities')),
    sa.ForeignKeyConstraint(['partner_id'], ['trading_partners.id'], name=op.f('fk_orders_partner_id_trading_partners')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_orders')),
    sa.UniqueConstraint('partner_id', 'order_id', name=op.f('uq_orders_partner_id_order_id'))
    )
    op.create_table('partner_credentials',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('domain', sa.String(length=64), nullable=False),
    sa.Column('identity', sa.String(length=200), nullable=False),
    sa.Column('secret_hash', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['trading_partners.id'], name=op.f('fk_partner_credentials_partner_id_trading_partners'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_credentials')),
    sa.UniqueConstraint('kind', 'domain', 'identity', name=op.f('uq_partner_credentials_kind_domain_identity'))
    )
    op.create_table('price_tiers',
    sa.Column('rule_id', sa.Integer(), nullable=False),
    sa.Column('min_quantity', sa.Numeric(precision=18, scale=3), nullable=False),
    sa.Column('value', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.ForeignKeyConstraint(['rule_id'], ['price_rules.id'], name=op.f('fk_price_tiers_rule_id_price_rules'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rule_id', 'min_quantity', name=op.f('pk_price_tiers'))
    )
    op.create_table('punchout_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('start_token_hash', sa.String(length=64), nullable=True),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('protocol', sa.String(length=8), nullable=False),
    sa.Column('operation', sa.String(length=8), nullable=False),
    sa.Column('buyer_cookie', sa.Text(), nullable=False),
    sa.Column('return_url', sa.Text(), nullable=False),
    sa.Column('user_name', sa.String(length=200), nullable=False),
    sa.Column('user_email', sa.String(length=254), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('ship_to', sa.JSON(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['billing_entities.id'], name=op.f('fk_punchout_sessions_entity_id_billing_entities')),
    sa.ForeignKeyConstraint(['partner_id'], ['trading_partners.id'], name=op.f('fk_punchout_sessions_partner_id_trading_partners')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_punchout_sessions')),
    sa.UniqueConstraint('start_token_hash', name=op.f('uq_punchout_sessions_start_token_hash')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_punchout_sessions_token_hash'))
    )
    op.create_table('cart_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('line_number', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=18, scale=3), nullable=False),
    sa.Column('unit_price', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('contract_code', sa.String(length=64), nullable=False),
    sa.Column('auxiliary_id', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_cart_lines_product_id_products')),
    sa.ForeignKeyConstraint(['session_id'], ['punchout_sessions.id'], name=op.f('fk_cart_lines_session_id_punchout_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cart_lines')),
    sa.UniqueConstraint('session_id', 'line_number', name=op.f('uq_cart_lines_session_id_line_number'))
    )
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('direction', sa.String(length=3), nullable=False),
    sa.Column('doc_type', sa.String(length=40), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=True),
    sa.Column('payload_id', sa.String(length=250), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('status_code', sa.Integer(), nullable=True),
    sa.Column('status_text', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('body', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_documents_order_id_orders')),
    sa.ForeignKeyConstraint(['partner_id'], ['trading_partners.id'], name=op.f('fk_documents_partner_id_trading_partners')),
    sa.ForeignKeyConstraint(['session_id'], ['punchout_sessions.id'], name=op.f('fk_documents_session_id_punchout_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents'))
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_order_id'), ['order_id'], unique=False)
        batch_op.create_index('ix_documents_partner_payload', ['partner_id', 'payload_id'], unique=False)

    op.create_table('order_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('content_id', sa.String(length=250), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('filename', sa.String(length=250), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_attachments_order_id_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_attachments'))
    )
    op.create_table('order_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('line_number', sa.Integer(), nullable=False),
    sa.Column('sku', sa.String(length=64), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('quantity', sa.Numeric(precision=18, scale=3), nullable=False),
    sa.Column('unit', sa.String(length=3), nullable=False),
    sa.Column('unit_price', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('requested_delivery', sa.DateTime(timezone=True), nullable=True),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('auxiliary_id', sa.String(length=100), nullable=False),
    sa.Column('accounting', sa.JSON(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_lines_order_id_orders'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_order_lines_product_id_products')),
    sa.ForeignKeyConstraint(['session_id'], ['punchout_sessions.id'], name=op.f('fk_order_lines_session_id_punchout_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_lines')),
    sa.UniqueConstraint('order_id', 'version', 'line_number', name=op.f('uq_order_lines_order_id_version_line_number'))
    )
    op.create_table('outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('idempotency_key', sa.String(length=250), nullable=False),
    sa.Column('target_url', sa.String(length=500), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('payload', sa.LargeBinary(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_outbox_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_outbox_idempotency_key'))
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_due', ['state', 'next_attempt_at'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_due')

    op.drop_table('outbox')
    op.drop_table('order_lines')
    op.drop_table('order_attachments')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index('ix_documents_partner_payload')
        batch_op.drop_index(batch_op.f('ix_documents_order_id'))

    op.drop_table('documents')
    op.drop_table('cart_lines')
    op.drop_table('punchout_sessions')
    op.drop_table('price_tiers')
    op.drop_table('partner_credentials')
    op.drop_table('orders')
    op.drop_table('favourite_items')
    op.drop_table('catalog_export_items')
    op.drop_table('trading_partners')
    op.drop_table('product_texts')
    op.drop_table('product_prices')
    op.drop_table('price_rules')
    op.drop_table('favourites_lists')
    with op.batch_alter_table('contract_entities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contract_entities_entity_id'))

    op.drop_table('contract_entities')
    op.drop_table('catalog_policies')
    op.drop_table('catalog_exports')
    op.drop_table('addresses')
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_products_manufacturer'))
        batch_op.drop_index(batch_op.f('ix_products_category'))

    op.drop_table('products')
    op.drop_table('contracts')
    op.drop_table('billing_entities')

